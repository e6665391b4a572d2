import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Clock } from '@redmet/platform';
import { ReadsMonitoring } from '../common/access';
import { MethodNoteView, NOTES } from '../common/method-note.dto';
import { perspectiveOf } from '../common/perspective';
import { OutputQuery } from './dto/output-query.dto';
import { OutputService } from './output.service';

@ApiTags('output')
@ApiExtraModels(MethodNoteView)
@ReadsMonitoring()
@Controller('output')
export class OutputController {
  constructor(
    private readonly output: OutputService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'Output by period, product, element, tonnage class, company, region or site, with notes on the method',
    schema: { type: 'object', properties: { notes: NOTES } },
  })
  drillDown(@Query() query: OutputQuery) {
    return this.output.drillDown(query, perspectiveOf(query, this.clock));
  }
}
