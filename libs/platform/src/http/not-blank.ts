import { Matches } from 'class-validator';

/** Text that says something: a reason or a reference of spaces is none, and audit trails keep them. */
export function IsNotBlank(options: { each?: boolean } = {}): PropertyDecorator {
  return Matches(/\S/, { ...options, message: '$property must not be blank' });
}
