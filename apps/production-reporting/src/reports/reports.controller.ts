import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import { FilesReports, ReadsReports } from '../common/roles';
import { VersionParam } from '../common/version-param';
import { AmendReportDto, CreateReportDto, ReportContentDto, ReportQuery } from './dto/report.dto';
import { FilingView, ReceiptView, ReportView, VersionView } from './dto/report.view';
import { ReportQueries } from './report-queries.service';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ReadsReports()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly queries: ReportQueries,
  ) {}

  @FilesReports()
  @Post()
  @ApiCreatedResponse({ type: FilingView, description: 'A draft, or with `submit: true` the receipt and decision' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateReportDto): Promise<FilingView> {
    const { reportId, filed } = await this.reports.create(principal, dto);
    return filed ?? { reportId, version: 1, state: 'draft', reasons: [], receipt: null };
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ReportQuery) {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ReportView })
  get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.queries.get(principal, id);
  }

  @FilesReports()
  @Put(':id')
  @ApiOkResponse({ type: ReportView, description: 'Replaces a draft' })
  async updateDraft(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: ReportContentDto,
  ): Promise<ReportView> {
    await this.reports.updateDraft(principal, id, dto);
    return this.queries.get(principal, id);
  }

  @FilesReports()
  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: FilingView, description: 'Signs and submits the draft' })
  submit(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<FilingView> {
    return this.reports.submitDraft(principal, id);
  }

  @FilesReports()
  @Post(':id/amendments')
  @ApiCreatedResponse({ type: FilingView, description: 'A new version, signed and checked at once' })
  amend(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: AmendReportDto,
  ): Promise<FilingView> {
    return this.reports.amend(principal, id, dto);
  }

  @Get(':id/versions')
  @ApiOkResponse({ type: VersionView, isArray: true })
  versions(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.queries.versions(principal, id);
  }

  @Get(':id/versions/:version')
  @ApiOkResponse({ type: VersionView })
  version(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @VersionParam() version: number) {
    return this.queries.version(principal, id, version);
  }

  @Get(':id/versions/:version/receipt')
  @ApiOkResponse({ type: ReceiptView })
  receipt(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @VersionParam() version: number) {
    return this.queries.receipt(principal, id, version);
  }
}
