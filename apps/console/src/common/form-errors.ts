import { ApiError, NETWORK_ERROR } from '../api/problem';
import { localizeFieldMessage } from '../i18n/field-messages';
import { useI18n } from '../i18n/i18n';
import { failureTitle } from './States';

export interface FormErrorView {
  /** Messages for a field shown by the form; `nested` also takes `field.x.y`. */
  of: (field: string, nested?: boolean) => string[];
  /**
   * The problem itself and messages for fields the form did not show: those it
   * asked for with `of`, and those under `shownElsewhere` (fields a child
   * component shows: it renders after this list is made).
   */
  rest: (shownElsewhere?: string[]) => string[];
}

/**
 * Puts a failed request's field messages next to the fields and the rest above
 * the buttons, in the console's words where the message is a known one.
 */
export function useFormErrors(error: unknown): FormErrorView {
  const { t, label, locale } = useI18n();
  const problem = error instanceof ApiError ? error : null;
  const shown = new Set<string>();
  const localize = (message: string) => localizeFieldMessage(message, t, locale);
  // The services count money in kopecks; every form of the console takes roubles, so it says so in roubles.
  const inRoubles = (message: string) => (message === t('fieldMessage.kopecks') ? t('claims.roublesInvalid') : message);
  return {
    of(field, nested = false) {
      if (!problem) return [];
      for (const name of problem.fields.keys()) {
        if (name === field || (nested && name.startsWith(`${field}.`))) shown.add(name);
      }
      // Two constraints can say the same in the console's words (blank, too short): each is said once.
      return [...new Set(problem.messagesFor(field, nested).map(localize).map(inRoubles))];
    },
    rest(shownElsewhere = []) {
      if (!error) return [];
      if (!problem) return [t('error.generic')];
      const translated = label('problem', problem.code);
      // A problem the console has no words for is said as its kind of failure, then as the service wrote it.
      const headline =
        problem.code === NETWORK_ERROR
          ? t('error.network')
          : translated !== problem.code
            ? translated
            : [failureTitle(problem, t), problem.message].filter(Boolean).join(' ');
      // A field message that says what the problem says (in either words) is not said twice.
      const saysTheProblem = (message: string) => message === headline || message === problem.message;
      const others = [...problem.fields.entries()]
        .filter(
          ([name]) =>
            !shown.has(name) && !shownElsewhere.some((field) => name === field || name.startsWith(`${field}.`)),
        )
        .flatMap(([name, messages]) =>
          messages
            .map(localize)
            .filter((message) => !saysTheProblem(message))
            .map((message) => `${name}: ${message}`),
        );
      // A problem about one field (a reduction without a reason) is said next to it, not twice.
      const besideFields = [...shown].flatMap((name) => (problem.fields.get(name) ?? []).map(localize));
      return [...(besideFields.some(saysTheProblem) ? [] : [headline]), ...others];
    },
  };
}
