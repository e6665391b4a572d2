import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsReportingPeriod } from '@redmet/contracts';
import { CurrentPrincipal, Page, PageQuery, type Principal } from '@redmet/platform';
import { daysBetween, isoDay } from '../common/dates';
import { ReadsReports } from '../common/roles';
import { noCompany, otherCompany } from '../reports/report.errors';
import { ObligationsService } from './obligations.service';

export class OverdueQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @IsReportingPeriod()
  period?: string;
}

export class OverdueView {
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
  @ApiProperty()
  daysOverdue: number;
}

@ApiTags('obligations')
@ReadsReports()
@Controller('obligations')
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  /** Reports past their due day and not filed (a rejected report does not count), oldest first. */
  @Get('overdue')
  async overdue(@CurrentPrincipal() principal: Principal, @Query() query: OverdueQuery): Promise<Page<OverdueView>> {
    if (principal.isProducerOnly()) {
      if (!principal.companyId) throw noCompany();
      if (query.companyId && query.companyId !== principal.companyId) throw otherCompany();
    }
    const companyId = principal.isProducerOnly() ? principal.companyId : query.companyId;
    const today = isoDay();
    const overdue = (await this.obligations.open(today))
      .filter((obligation) => obligation.dueOn < today)
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
        daysOverdue: daysBetween(obligation.dueOn, today),
      }));
    return Page.of(overdue.slice(query.skip, query.skip + query.pageSize), overdue.length, query);
  }
}
