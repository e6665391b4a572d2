import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CLAIM_STATES, type ClaimState, INPUT_YEARS, QUARTER_INPUT_PATTERN } from '@redmet/contracts';
import { PageQuery, QueryBoolean, QueryInteger } from '@redmet/platform';
import { CompanyFilter } from '../../common/company-filter';

export const CLAIM_SORTS = ['oldest', 'newest', 'recent', 'largest', 'smallest', 'clawbackDue'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

/** The officers' queue and the producers' list: filters, and sort by age (since submission) or amount. */
export class ClaimQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATES })
  @IsOptional()
  @IsIn(CLAIM_STATES)
  state?: ClaimState;

  @CompanyFilter()
  companyId?: string;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @Matches(QUARTER_INPUT_PATTERN, { message: `period must be a quarter (YYYY-Qn) of the years ${INPUT_YEARS}` })
  period?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear?: number;

  @ApiPropertyOptional({
    description:
      '`me` or a user id: claims that officer took for review, decided ones included; ' +
      'with `state=under_review`, what is still on their desk',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  assignedTo?: string;

  @ApiPropertyOptional({ description: 'Only claims whose first approval awaits a second officer' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  awaitingSecondApproval?: boolean;

  @ApiPropertyOptional({
    description:
      'Only claims under review whose assignee wrote part of them (four eyes keep them from deciding) and which ' +
      'wait for the assignee or an admin to hand them on (`false`: every other claim)',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  needsAnotherOfficer?: boolean;

  @ApiPropertyOptional({
    description:
      'Only clawback demands past their due day and not fully repaid (`false`: every other claim); ' +
      'with `sort=clawbackDue`, the longest overdue first',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  clawbackOverdue?: boolean;

  @ApiPropertyOptional({
    enum: CLAIM_SORTS,
    default: 'oldest',
    description:
      "By submission (age; drafts last), last change (`recent`: a producer's drafts among the rest), requested amount, or clawback due day (earliest first)",
  })
  @IsOptional()
  @IsIn(CLAIM_SORTS)
  sort: ClaimSort = 'oldest';
}
