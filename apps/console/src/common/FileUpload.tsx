import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { ApiError } from '../api/problem';
import type { UploadProgress } from '../api/upload';
import { localizeFieldMessage } from '../i18n/field-messages';
import { useI18n } from '../i18n/i18n';
import { FormErrors } from './Field';
import { useFormErrors } from './form-errors';
import { ProgressBar } from './ProgressBar';
import { RowErrors } from './RowErrors';

interface Props<T> {
  /** Sends the file; reports progress. */
  send: (file: File, onProgress: (progress: UploadProgress) => void, signal: AbortSignal) => Promise<T>;
  /** Field names of bad rows as the service gives them (`line 7`, `lines.7.quantity`) → the row number. */
  rowOf: (field: string) => number | null;
  renderResult: (result: T) => ReactNode;
  accept?: string;
}

/**
 * A CSV upload: progress while the bytes go up and while the service checks
 * the file, then either the result or every bad row with its reasons (the
 * services store nothing when any row is bad).
 */
export function FileUpload<T>({ send, rowOf, renderResult, accept = '.csv,text/csv' }: Props<T>) {
  const { t, locale } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<{ value: T } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errors = useFormErrors(error);
  const rowErrors =
    error instanceof ApiError ? [...error.fields.entries()].filter(([field]) => rowOf(field) !== null) : [];
  // Rows are listed in their own table; the general list keeps only the rest.
  for (const [field] of rowErrors) errors.of(field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    // A second submit before the page re-renders with the button disabled would send the file twice.
    if (!file || controller.current) return;
    controller.current = new AbortController();
    setResult(null);
    setError(null);
    setProgress({ phase: 'sending', fraction: 0 });
    try {
      setResult({ value: await send(file, setProgress, controller.current.signal) });
      if (input.current) input.current.value = '';
    } catch (caught) {
      if ((caught as Error).name !== 'AbortError') setError(caught);
    } finally {
      setProgress(null);
      controller.current = null;
    }
  }

  return (
    <div>
      <form onSubmit={(event) => void submit(event)} className="form-actions">
        <label className="field-label" htmlFor="upload-file">
          {t('upload.file')}
        </label>
        <input id="upload-file" ref={input} type="file" name="file" accept={accept} disabled={!!progress} />
        <button type="submit" className="button button-primary" disabled={!!progress}>
          {t('upload.send')}
        </button>
        {progress ? (
          <button type="button" className="button" onClick={() => controller.current?.abort()}>
            {t('action.cancel')}
          </button>
        ) : null}
      </form>
      {progress ? (
        <ProgressBar
          fraction={progress.phase === 'sending' ? progress.fraction : null}
          label={progress.phase === 'sending' ? t('upload.sending') : t('upload.checking')}
        />
      ) : null}
      {rowErrors.length ? (
        <RowErrors
          rows={rowErrors.map(([field, messages]) => ({
            row: rowOf(field) as number,
            field,
            messages: messages.map((message) => localizeFieldMessage(message, t, locale, true)),
          }))}
        />
      ) : null}
      {/* The row table already says the file was refused; the problem's own headline would repeat it. */}
      <FormErrors messages={errors.rest().slice(rowErrors.length ? 1 : 0)} />
      {result ? renderResult(result.value) : null}
    </div>
  );
}
