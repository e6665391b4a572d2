import { ApiProperty, getSchemaPath, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { type MethodNoteCode, SHARE_WITHHELD_REASONS, type ShareWithheldReason } from '@redmet/contracts';
import { METHOD_NOTE_CODES } from './method-note';

/** The OpenAPI schema of a note; the answers themselves are plain objects built by `methodNote`. */
export class MethodNoteView {
  @ApiProperty({
    enum: METHOD_NOTE_CODES,
    description:
      'What the note says, for translation: a code keeps its meaning while the English is reworded, and a note ' +
      'that says something new gets a new code (a client shows `text` for a code it does not know)',
  })
  code: MethodNoteCode;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { months: 10, of: 12, missing: ['2026-10', '2026-11'] },
    description:
      'The figures and names in the text, by name ({} when it has none): numbers, decimal strings, dates ' +
      '(YYYY-MM-DD), months (YYYY-MM), HS codes, lists of them, `tonnesOf` (product | metal_content), or, as `withheld`, ' +
      'the note about a withheld share that this one quotes',
  })
  params: Record<string, unknown>;

  @ApiProperty({ example: "customs figures cover 10 of the window's 12 months (missing: 2026-10, 2026-11): …" })
  text: string;
}

export class ShareWithheldView {
  @ApiProperty({ enum: SHARE_WITHHELD_REASONS, description: 'Its note is `share_withheld.<reason>`' })
  reason: ShareWithheldReason;

  @ApiProperty({ description: 'The note in English' })
  note: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The note’s parameters, as a note’s' })
  params: Record<string, unknown>;
}

export const NOTE: ReferenceObject = { $ref: getSchemaPath(MethodNoteView) };
export const NOTES: SchemaObject = { type: 'array', items: NOTE };
export const WITHHELD: SchemaObject = { nullable: true, allOf: [{ $ref: getSchemaPath(ShareWithheldView) }] };
