import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** What the button does (`Отключить`); the confirmation repeats it. */
  label: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** Names the item for screen readers (`Отключить https://…`). */
  ariaLabel?: string;
}

/** An action that cannot be undone: the first press asks, the second acts; Cancel or leaving forgets it. */
export function ConfirmButton({ label, onConfirm, disabled, ariaLabel }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className="button button-small"
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={t('confirm.sure')}>
      <button
        type="button"
        className="button button-small button-danger"
        disabled={disabled}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('confirm.yes', { action: label.toLowerCase() })}
      </button>{' '}
      <button type="button" className="button button-small" onClick={() => setAsking(false)}>
        {t('action.cancel')}
      </button>
    </span>
  );
}
