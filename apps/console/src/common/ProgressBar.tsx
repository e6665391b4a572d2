/** A determinate bar when `fraction` is known, an indeterminate one while the server works. */
export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div className="progress">
      <div
        className={`progress-track${fraction === null ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress-fill" style={{ width: fraction === null ? undefined : `${percent}%` }} />
      </div>
      <span className="progress-label">
        {label}
        {percent === undefined ? '' : ` — ${percent} %`}
      </span>
    </div>
  );
}
