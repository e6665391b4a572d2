import { IsOptional, IsString, Length } from 'class-validator';

/** ISO calendar date options for class-validator: `2026-03-31`, nothing else. */
export const ISO_DATE = { strict: true, strictSeparator: true } as const;

/** A person who did something that matters (signed a report, decided a claim). */
export class Actor {
  @IsString()
  @Length(1, 128)
  userId: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;
}
