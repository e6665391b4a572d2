import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en';
import { format, type Params } from './messages';
import { type MessageKey, ru } from './ru';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES = { ru, en } as const;
const LOCALES: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB' };
const STORAGE_KEY = 'redmet.language';

export type Translate = (key: MessageKey, params?: Params) => string;

interface I18n {
  language: Language;
  locale: string;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** A label for a value from the API (`state.accepted`); the raw value when the dictionary lacks it. */
  label: (group: string, value: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'ru' ? stored : 'ru';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const locale = LOCALES[language];
  const rules = useMemo(() => new Intl.PluralRules(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[language];
    const t: Translate = (key, params) => format(dictionary[key], params, rules);
    const label = (group: string, raw: string) => {
      const key = `${group}.${raw}` as MessageKey;
      return key in dictionary ? t(key) : raw;
    };
    return { language, locale, setLanguage, t, label };
  }, [language, locale, rules, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
