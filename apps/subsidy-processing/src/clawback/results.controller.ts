import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, UuidParam } from '@redmet/platform';
import {
  OutstandingResults,
  OutstandingResultsQuery,
  ResultsCorrectionDto,
  ResultsQuery,
  ResultsReportDto,
} from './dto/results-report.dto';
import { ResultsService } from './results.service';

@ApiTags('results')
@Controller('results-reports')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  /** Records a company's results for a year; below plan, every paid claim of that year gets a clawback. */
  @Post()
  @Roles('producer', 'subsidy_officer')
  record(@Body() dto: ResultsReportDto, @CurrentPrincipal() principal: Principal) {
    return this.results.record(dto, principal);
  }

  /** Corrects recorded results (or sets the plan), keeping the figures replaced; paid claims are re-assessed. */
  @Post(':id/corrections')
  @Roles('subsidy_officer')
  correct(@UuidParam('id') id: string, @Body() dto: ResultsCorrectionDto, @CurrentPrincipal() principal: Principal) {
    return this.results.correct(id, dto, principal);
  }

  /** Companies paid for the year whose results report has not come (overdue once its due day passed). */
  @Get('outstanding')
  @Roles('producer', 'subsidy_officer', 'finance_officer', 'admin')
  @ApiOkResponse({ type: OutstandingResults, isArray: true })
  outstanding(@Query() query: OutstandingResultsQuery, @CurrentPrincipal() principal: Principal) {
    return this.results.outstanding(query.programmeYear, query.companyId, principal);
  }

  @Get()
  @Roles('producer', 'subsidy_officer', 'finance_officer', 'admin')
  list(@Query() query: ResultsQuery, @CurrentPrincipal() principal: Principal) {
    return this.results.list(query.companyId, principal);
  }
}
