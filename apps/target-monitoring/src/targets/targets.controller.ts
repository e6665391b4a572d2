import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiParam, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { Clock, InvalidInputError } from '@redmet/platform';
import { ReadsMonitoring } from '../common/access';
import { MethodNoteView, NOTE, NOTES } from '../common/method-note.dto';
import { perspectiveOf, PerspectiveQuery } from '../common/perspective';
import { targetKey } from '../configuration/keys';
import { TARGET_KEYS } from '../configuration/settings';
import { TargetHistoryQuery } from './dto/target.dto';
import { TargetsService } from './targets.service';

const MAX_POINTS = 120;

/** The notes on the method, which clients translate by code; the other fields are as the description says. */
const FORECAST: SchemaObject = { type: 'object', properties: { method: NOTE } };
const FIGURE: SchemaObject = { type: 'object', properties: { notes: NOTES, forecast: FORECAST } };

@ApiTags('targets')
@ApiExtraModels(MethodNoteView)
@ReadsMonitoring()
@Controller('targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'Every target with current value, trajectory, gap, forecast, status and notes on the method',
    schema: { type: 'array', items: FIGURE },
  })
  list(@Query() query: PerspectiveQuery) {
    return this.targets.figures(perspectiveOf(query, this.clock));
  }

  @Get(':key')
  @ApiParam({ name: 'key', enum: TARGET_KEYS })
  @ApiOkResponse({ description: 'The target, as in the list', schema: FIGURE })
  get(@Param('key') key: string, @Query() query: PerspectiveQuery) {
    return this.targets.figure(targetKey(key), perspectiveOf(query, this.clock));
  }

  @Get(':key/history')
  @ApiParam({ name: 'key', enum: TARGET_KEYS })
  @ApiOkResponse({
    description: 'Monthly points for charts: value, trajectory, target, forecast, status',
    schema: { type: 'array', items: { type: 'object', properties: { forecast: FORECAST } } },
  })
  history(@Param('key') key: string, @Query() query: TargetHistoryQuery) {
    const months =
      (Number(query.to.slice(0, 4)) - Number(query.from.slice(0, 4))) * 12 +
      Number(query.to.slice(5)) -
      Number(query.from.slice(5)) +
      1;
    if (months < 1 || months > MAX_POINTS) {
      const message = `to must be from 1 to ${MAX_POINTS} months after from`;
      throw new InvalidInputError('REQUEST.INVALID', message, [{ field: 'to', messages: [message] }]);
    }
    return this.targets.history(targetKey(key), query.from, query.to, query.knowledge ?? 'now');
  }
}
