import { buildMessage, ValidateBy } from 'class-validator';
import { DATE_INPUT_PATTERN, INPUT_YEARS } from '@redmet/contracts';

/**
 * A calendar year whose days a person may type (INPUT_YEARS), so that a year
 * parameter takes the years its asOf, from and to take and that customs
 * figures may be loaded for: its first day is such a date.
 */
export function IsInputYear(): PropertyDecorator {
  return ValidateBy({
    name: 'isInputYear',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && DATE_INPUT_PATTERN.test(`${String(value)}-01-01`),
      defaultMessage: buildMessage((each) => `${each}$property must be a whole year of ${INPUT_YEARS}`),
    },
  });
}
