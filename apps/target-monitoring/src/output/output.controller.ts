import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Clock } from '@redmet/platform';
import { ReadsMonitoring } from '../common/access';
import { perspectiveOf } from '../common/perspective';
import { OutputQuery } from './dto/output-query.dto';
import { OutputService } from './output.service';

@ApiTags('output')
@ReadsMonitoring()
@Controller('output')
export class OutputController {
  constructor(
    private readonly output: OutputService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Output by period, product, element, tonnage class, company, region or site' })
  drillDown(@Query() query: OutputQuery) {
    return this.output.drillDown(query, perspectiveOf(query, this.clock));
  }
}
