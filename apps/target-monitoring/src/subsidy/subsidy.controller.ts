import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { ReadsMonitoring } from '../common/access';
import { MethodNoteView, NOTE, ShareWithheldView, WITHHELD } from '../common/method-note.dto';
import { EffectivenessService } from './effectiveness.service';
import { QueryInteger } from '@redmet/platform';

export class ProgrammeYearQuery {
  @ApiProperty({ example: 2026 })
  @QueryInteger()
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;
}

@ApiTags('subsidy')
@ApiExtraModels(MethodNoteView, ShareWithheldView)
@ReadsMonitoring()
@Controller('subsidy')
export class SubsidyController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly effectiveness: EffectivenessService,
  ) {}

  @Get('summary')
  async summary(@Query() query: ProgrammeYearQuery) {
    const [budget] = await this.dataSource.query(
      `SELECT total_kopecks::text AS "totalKopecks", committed_kopecks::text AS "committedKopecks",
              available_kopecks::text AS "availableKopecks", utilisation_percent::text AS "utilisationPercent",
              as_of AS "asOf"
         FROM subsidy_budget WHERE programme_year = $1`,
      [query.programmeYear],
    );
    const [claims] = await this.dataSource.query(
      `SELECT count(*)::int AS claims, coalesce(sum(approved_kopecks), 0)::text AS "approvedKopecks",
              coalesce(sum(paid_kopecks), 0)::text AS "paidKopecks",
              coalesce(sum(clawback_demanded_kopecks), 0)::text AS "clawbackDemandedKopecks",
              coalesce(sum(clawed_back_kopecks), 0)::text AS "clawedBackKopecks"
         FROM subsidy_claim WHERE programme_year = $1`,
      [query.programmeYear],
    );
    return { programmeYear: query.programmeYear, budget: budget ?? null, claims };
  }

  @Get('effectiveness')
  @ApiOkResponse({
    description: 'Per company and product: subsidy beside the change in output and import dependence',
    schema: {
      type: 'object',
      properties: {
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
  forYear(@Query() query: ProgrammeYearQuery) {
    return this.effectiveness.forYear(query.programmeYear);
  }
}
