import type { ReportState } from '@redmet/contracts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@redmet/platform';
import type { LineContent } from '../acceptance/report-content';
import type { RepeatedLine } from './repeated-lines';

/** Also the answer for another company's report: a producer does not learn that it exists. */
export function reportNotFound(id: string): NotFoundError {
  return new NotFoundError('REPORT.NOT_FOUND', `No report with id ${id}`);
}

export function versionNotFound(id: string, version: number): NotFoundError {
  return new NotFoundError('REPORT.VERSION_NOT_FOUND', `Report ${id} has no version ${version}`);
}

export function notADraft(state: ReportState): ConflictError {
  return new ConflictError('REPORT.NOT_A_DRAFT', `The report is ${state}, not a draft: amend it instead`);
}

export function notAmendable(state: ReportState): ConflictError {
  const why =
    state === 'draft'
      ? 'it is a draft: change and submit it instead'
      : 'its latest version is still waiting for a decision';
  return new ConflictError('REPORT.NOT_AMENDABLE', `The report cannot be amended now: ${why}`);
}

export function noCompany(): ForbiddenError {
  return new ForbiddenError('REPORT.NO_COMPANY', 'The token names no company (company_id) to report for');
}

export function otherCompany(): ForbiddenError {
  return new ForbiddenError('REPORT.OTHER_COMPANY', "A producer sees only its own company's reports");
}

export function tooManyLines(max: number): InvalidInputError {
  const message = `a report has at most ${max} lines; split the output across sites or periods`;
  return new InvalidInputError('REQUEST.INVALID', 'The request has invalid fields', [
    { field: 'lines', messages: [message] },
  ]);
}

/** Named by the paths the request gave them (`lines.2`, from 0), as the validation pipe names a line's fields. */
export function repeatedLines(repeated: RepeatedLine<LineContent>[]): InvalidInputError {
  const path = (line: LineContent) => `lines.${line.lineNo - 1}`;
  return new InvalidInputError(
    'REQUEST.INVALID',
    'The request has invalid fields',
    repeated.map(({ line, first }) => ({
      field: `${path(line)}.productCode`,
      messages: [
        `${path(line)} repeats ${path(first)} (the same product ${line.productCode} for the same site and period): ` +
          'give each product one line with its whole output',
      ],
    })),
  );
}

/**
 * Refused before the rules run: judging a report of another company's deposit would tell the filer
 * whether that company has reported the period.
 */
export function depositOfAnotherCompany(depositId: string): InvalidInputError {
  return new InvalidInputError('REQUEST.INVALID', 'The request has invalid fields', [
    { field: 'depositId', messages: [`deposit ${depositId} is licensed to another company`] },
  ]);
}
