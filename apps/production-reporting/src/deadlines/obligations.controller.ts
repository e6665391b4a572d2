import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsReportingPeriodInput, monthsOf } from '@redmet/contracts';
import { Clock, CurrentPrincipal, daysBetween, IsUuid, Page, PageQuery, type Principal } from '@redmet/platform';
import { ReadsReports } from '../common/roles';
import { noCompany, otherCompany } from '../reports/report.errors';
import { ObligationsService } from './obligations.service';

export class ObligationQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUuid()
  companyId?: string;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @IsReportingPeriodInput()
  period?: string;
}

class ObligationView {
  @ApiProperty({ example: '<companyId>:<facilityId or depositId>:<period>' })
  obligationId: string;
  @ApiProperty({ format: 'uuid' })
  companyId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  facilityId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  depositId: string | null;
  @ApiProperty()
  period: string;
  @ApiProperty({ format: 'date' })
  dueOn: string;
  @ApiProperty({
    type: [String],
    example: ['2026-02-01', '2026-03-01'],
    description: "The first days of the period's months the company answers for (fewer when a plant changed operator)",
  })
  months: string[];
}

export class OverdueView extends ObligationView {
  @ApiProperty()
  daysOverdue: number;
}

export class DueSoonView extends ObligationView {
  @ApiProperty({ description: '0 on the due day' })
  daysLeft: number;
}

@ApiTags('obligations')
@ReadsReports()
@Controller('obligations')
export class ObligationsController {
  constructor(
    private readonly obligations: ObligationsService,
    private readonly clock: Clock,
  ) {}

  /** Reports past their due day and not filed (a rejected report does not count), oldest first. */
  @Get('overdue')
  async overdue(@CurrentPrincipal() principal: Principal, @Query() query: ObligationQuery): Promise<Page<OverdueView>> {
    const today = this.clock.today();
    const overdue = (await this.open(principal, query, today))
      .filter((obligation) => obligation.dueOn < today)
      .map((obligation) => ({ ...obligation, daysOverdue: daysBetween(obligation.dueOn, today) }));
    return Page.of(overdue.slice(query.skip, query.skip + query.pageSize), overdue.length, query);
  }

  /**
   * Reports not filed yet whose due day is today or within the reminder window
   * (the largest of REPORTING_REMINDER_DAYS), soonest first.
   */
  @Get('due-soon')
  async dueSoon(@CurrentPrincipal() principal: Principal, @Query() query: ObligationQuery): Promise<Page<DueSoonView>> {
    const today = this.clock.today();
    const dueSoon = (await this.open(principal, query, today))
      .filter((obligation) => obligation.dueOn >= today)
      .map((obligation) => ({ ...obligation, daysLeft: daysBetween(today, obligation.dueOn) }));
    return Page.of(dueSoon.slice(query.skip, query.skip + query.pageSize), dueSoon.length, query);
  }

  /** Open obligations the caller may see, by due day. */
  private async open(principal: Principal, query: ObligationQuery, today: string): Promise<ObligationView[]> {
    if (principal.isProducer()) {
      if (!principal.companyId) throw noCompany();
      if (query.companyId && query.companyId !== principal.companyId) throw otherCompany();
    }
    const companyId = principal.isProducer() ? principal.companyId : query.companyId;
    return (await this.obligations.open(today))
      .filter((obligation) => !companyId || obligation.companyId === companyId)
      .filter((obligation) => !query.period || obligation.period === query.period)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.obligationId.localeCompare(b.obligationId))
      .map((obligation) => ({
        obligationId: obligation.obligationId,
        companyId: obligation.companyId,
        facilityId: obligation.facilityId ?? null,
        depositId: obligation.depositId ?? null,
        period: obligation.period,
        dueOn: obligation.dueOn,
        months: obligation.months ?? monthsOf(obligation.period),
      }));
  }
}
