import { LANGUAGES, useI18n } from '../i18n/i18n';

/** Russian by default; the choice is kept in this browser. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className={`button button-small${option === language ? ' is-current' : ''}`}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {option === 'ru' ? 'Рус' : 'Eng'}
        </button>
      ))}
    </div>
  );
}
