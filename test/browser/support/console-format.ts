/** A day as the console writes it in a language (`15 мая 2026 г.`, `15 May 2026`). */
export const consoleDay = (iso: string, locale: 'ru-RU' | 'en-GB' = 'ru-RU') =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
