import type { CsvError } from 'csv-parse/sync';

export type LineProblem = { line: number; message: string };

const CLOSING_QUOTE_FOLLOWED = ['CSV_INVALID_CLOSING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'];

/**
 * The records csv-parse skips (bad quoting), each named once by the line it starts on: `lastLineRead`
 * is the line of the last record read or skipped, as csv-parse notices an unclosed quote only at the
 * end of the file.
 */
export class UnreadableRecords {
  readonly problems: LineProblem[] = [];
  private lastLineRead = 0;
  private quotedOn = false;

  constructor(private readonly text: string) {}

  read(lines: number): void {
    this.lastLineRead = lines;
    this.quotedOn = false;
  }

  skipped(error: CsvError): void {
    // Past a closing quote followed by more, csv-parse reads on as if quoted: the quote it then finds open is that one.
    if (error.code === 'CSV_QUOTE_NOT_CLOSED' && this.quotedOn) return;
    const problem = this.problemOf(error);
    this.problems.push(problem);
    this.lastLineRead = problem.line;
    this.quotedOn = CLOSING_QUOTE_FOLLOWED.includes(error.code);
  }

  private problemOf(error: CsvError): LineProblem {
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line =
        this.text.split('\n').findIndex((content, index) => index >= this.lastLineRead && content.trim() !== '') + 1;
      return {
        line,
        message: 'a quoted value starting on this line is never closed: every opening " needs a closing "',
      };
    }
    const line = error.lines as number;
    if (CLOSING_QUOTE_FOLLOWED.includes(error.code)) {
      return { line, message: 'a quoted value goes on after its closing quote: write a " inside a quoted value as ""' };
    }
    // Without the CSV_ prefix, as csv-parse names it.
    if (error.code === 'INVALID_OPENING_QUOTE') {
      return { line, message: 'a value holds a " but is not quoted: quote the value and write the " as ""' };
    }
    return { line, message: `not valid CSV: ${error.message}` };
  }
}
