import { ValidateBy } from 'class-validator';
import { validateCronExpression } from 'cron';

/** A setting read by `scheduleJob`: refused at start with the cron library's own reason, not at the first tick. */
export function IsCronExpression(): PropertyDecorator {
  return ValidateBy({
    name: 'isCronExpression',
    validator: {
      validate: (value) => typeof value === 'string' && validateCronExpression(value).valid,
      defaultMessage: (args) => {
        const problem =
          typeof args?.value === 'string' ? validateCronExpression(args.value).error?.message : 'not text';
        return `${args?.property} must be a cron expression (seconds optional): ${problem ?? 'invalid'}`;
      },
    },
  });
}
