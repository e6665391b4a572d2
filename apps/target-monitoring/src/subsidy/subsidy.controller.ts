import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiTags, IntersectionType, PickType } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ReadsMonitoring } from '../common/access';
import { MethodNoteView, NOTE, ShareWithheldView, WITHHELD } from '../common/method-note.dto';
import { KNOWLEDGE, perspectiveOn, PerspectiveQuery } from '../common/perspective';
import { EffectivenessService } from './effectiveness.service';
import { SubsidySummary } from './subsidy-summary.service';
import { Clock, QueryInteger } from '@redmet/platform';

export class ProgrammeYearQuery {
  @ApiProperty({ example: 2026 })
  @QueryInteger()
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;
}

export class SubsidySummaryQuery extends IntersectionType(ProgrammeYearQuery, PickType(PerspectiveQuery, ['asOf'])) {}

export class EffectivenessQuery extends IntersectionType(ProgrammeYearQuery, PerspectiveQuery) {}

@ApiTags('subsidy')
@ApiExtraModels(MethodNoteView, ShareWithheldView)
@ReadsMonitoring()
@Controller('subsidy')
export class SubsidyController {
  constructor(
    private readonly summaries: SubsidySummary,
    private readonly effectiveness: EffectivenessService,
    private readonly clock: Clock,
  ) {}

  @Get('summary')
  @ApiOkResponse({
    description:
      'Budget and claims of the year as they stand, or with asOf as they stood at the end of that day (in TIME_ZONE): subsidy events take effect when the subsidy service makes them, so that is also as known then',
  })
  async summary(@Query() query: SubsidySummaryQuery) {
    const at = query.asOf ? perspectiveOn(query.asOf, 'then', this.clock).knownAt : null;
    return {
      programmeYear: query.programmeYear,
      asOf: query.asOf ?? null,
      ...(await this.summaries.of(query.programmeYear, at)),
    };
  }

  @Get('effectiveness')
  @ApiOkResponse({
    description:
      'Per company and product: subsidy beside the change in output and import dependence over the programme year and the one before. With asOf, the claims as they stood at the end of that day, and the whole years’ output, trade and report lines as known now, or with knowledge=then as received by then',
    schema: {
      type: 'object',
      properties: {
        asOf: { type: 'string', format: 'date', nullable: true },
        knowledge: { type: 'string', enum: [...KNOWLEDGE] },
        method: NOTE,
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              importDependence: {
                type: 'object',
                nullable: true,
                properties: { previousYearWithheld: WITHHELD, yearWithheld: WITHHELD },
              },
            },
          },
        },
      },
    },
  })
  forYear(@Query() query: EffectivenessQuery) {
    return this.effectiveness.forYear(query.programmeYear, query.asOf ?? null, query.knowledge ?? 'now');
  }
}
