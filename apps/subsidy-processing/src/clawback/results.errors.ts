import { HttpStatus } from '@nestjs/common';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '@redmet/platform';

export function resultsAlreadyRecorded(year: number): ConflictError {
  return new ConflictError(
    'RESULTS.ALREADY_RECORDED',
    `The company's results for ${year} are already recorded; an officer corrects them with POST /results-reports/:id/corrections`,
  );
}

/** The plan is what the results are judged against, so the company judged may not set it. */
export function planSetByOfficer(): DomainError {
  const message =
    'planned is the target of the subsidy agreement: a subsidy officer sets it, a producer reports actual';
  return new DomainError('RESULTS.PLAN_SET_BY_OFFICER', message, HttpStatus.FORBIDDEN, [
    { field: 'planned', messages: [message] },
  ]);
}

export function planRequired(): InvalidInputError {
  return new InvalidInputError('REQUEST.INVALID', 'planned is required', [
    { field: 'planned', messages: ['planned is required: the target the subsidy agreement set'] },
  ]);
}

export function resultsNotFound(id: string): NotFoundError {
  return new NotFoundError('RESULTS.NOT_FOUND', `No results report with id ${id}`);
}

export function nothingCorrected(): DomainError {
  return new DomainError(
    'RESULTS.NOTHING_CORRECTED',
    'The correction gives the figures already recorded',
    HttpStatus.UNPROCESSABLE_ENTITY,
  );
}

/**
 * Four eyes, as for a claim (`CLAIM.SELF_DECISION`): whoever set the figures, recording them or by the latest
 * correction, does not also judge them wrong.
 */
export function correctingOwnResults(setBy: 'recording' | 'correction'): DomainError {
  const message =
    setBy === 'recording'
      ? 'Nobody corrects results they recorded: another officer does'
      : 'Nobody corrects the figures of their own latest correction: another officer does';
  return new DomainError('CLAIM.SELF_DECISION', message, HttpStatus.FORBIDDEN);
}
