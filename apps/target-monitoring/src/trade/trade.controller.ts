import { Body, Controller, Get, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TRADE_CSV_COLUMNS } from '@redmet/contracts';
import { CurrentPrincipal, FileUpload, type Principal } from '@redmet/platform';
import { ActsOnAlerts, ReadsMonitoring } from '../common/access';
import { checkMonthRange } from '../common/month-range';
import { ExportCheckQuery } from './dto/export-check.dto';
import { TradeQuery, TradeUploadDto } from './dto/trade-row.dto';
import { ExportCheck } from './export-check';
import { parseTradeCsv } from './trade-csv';
import { type ValidatedRows, validateTradeRows } from './trade-row-validation';
import { invalidUpload, TradeService, type UploadSource } from './trade.service';

/** What multer hands over of an uploaded file (held in memory, within TRADE_UPLOAD_MAX_BYTES). */
interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
}

@ApiTags('trade statistics')
@ReadsMonitoring()
@Controller('trade-statistics')
export class TradeController {
  constructor(
    private readonly trade: TradeService,
    private readonly exportCheck: ExportCheck,
  ) {}

  @ActsOnAlerts()
  @Post()
  @ApiCreatedResponse({ description: 'All rows loaded; figures for the same flow, code and period replaced' })
  uploadJson(@Body() dto: TradeUploadDto, @CurrentPrincipal() principal: Principal) {
    const checked = validateTradeRows(dto.rows.map((value, index) => ({ at: `rows.${index}`, value })));
    return this.load(checked, { kind: 'json', fileName: null }, principal);
  }

  @ActsOnAlerts()
  @Post('upload')
  @FileUpload(`CSV with a header line: ${TRADE_CSV_COLUMNS.join(',')} (productCode and valueKopecks may be empty)`)
  uploadCsv(@UploadedFile() file: UploadedCsv | undefined, @CurrentPrincipal() principal: Principal) {
    if (!file) throw invalidUpload([{ field: 'file', messages: ['send the CSV as the multipart field "file"'] }]);
    return this.load(parseTradeCsv(file.buffer), { kind: 'csv', fileName: file.originalname }, principal);
  }

  /** The valid rows are checked against each other and what is loaded, so that one answer names every bad row. */
  private load({ rows, errors }: ValidatedRows, source: UploadSource, principal: Principal) {
    if (rows.length === 0) throw invalidUpload(errors);
    return this.trade.upload(rows, source, principal, errors);
  }

  @Get()
  list(@Query() query: TradeQuery) {
    return this.trade.list(query);
  }

  @Get('export-check')
  @ApiOkResponse({
    description:
      'A page ({items, total, page, pageSize}) of customs export figures, oldest period first, each with the ' +
      'exports producers reported beside it; notCompared: per HS code of no catalogue product, its figures of the ' +
      'range, which no producer reports and are not compared',
  })
  check(@Query() query: ExportCheckQuery) {
    checkMonthRange(query.from, query.to);
    return this.exportCheck.page(query);
  }
}
