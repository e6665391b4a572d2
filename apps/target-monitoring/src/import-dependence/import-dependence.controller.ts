import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { INPUT_YEARS } from '@redmet/contracts';
import { Clock, InvalidInputError, QueryInteger } from '@redmet/platform';
import { ReadsMonitoring } from '../common/access';
import { IsInputYear } from '../common/input-year';
import { MethodNoteView, NOTE, ShareWithheldView, WITHHELD } from '../common/method-note.dto';
import { calendarYear, trailingYear } from '../common/months';
import { perspectiveOf, PerspectiveQuery } from '../common/perspective';
import { importDependence } from '../programme/import-dependence';
import { ProgrammeInputsLoader } from '../programme/programme-inputs.loader';

export class ImportDependenceQuery extends PerspectiveQuery {
  @ApiPropertyOptional({
    example: 2025,
    description:
      `A calendar year of ${INPUT_YEARS} instead of the twelve months up to asOf (asOf then defaults to its last ` +
      'day, and may not come before its first)',
  })
  @IsOptional()
  @QueryInteger()
  @IsInputYear()
  year?: number;
}

/** Nothing of a year is known, nor any setting for it in effect, before the year begins: a 400, not an empty answer. */
function checkAsOfInYear({ year, asOf }: ImportDependenceQuery): void {
  if (year === undefined || asOf === undefined || asOf >= `${year}-01-01`) return;
  throw new InvalidInputError('REQUEST.INVALID', `asOf ${asOf} comes before the year ${year} asked for`, [
    { field: 'asOf', messages: [`asOf must not come before ${year}-01-01, the first day of year`] },
  ]);
}

@ApiTags('import dependence')
@ApiExtraModels(MethodNoteView, ShareWithheldView)
@ReadsMonitoring()
@Controller('import-dependence')
export class ImportDependenceController {
  constructor(
    private readonly loader: ProgrammeInputsLoader,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'Per product (tonnes of product) and overall (tonnes of metal content), with the formula',
    schema: {
      type: 'object',
      properties: {
        formula: NOTE,
        aggregation: NOTE,
        overall: { type: 'object', properties: { importDependenceWithheld: WITHHELD } },
        products: { type: 'array', items: { type: 'object', properties: { importDependenceWithheld: WITHHELD } } },
      },
    },
  })
  async get(@Query() query: ImportDependenceQuery) {
    checkAsOfInYear(query);
    // A calendar year is judged with the settings (reference factors) in effect at its end.
    const perspective = perspectiveOf(
      { ...query, asOf: query.asOf ?? (query.year ? `${query.year}-12-31` : undefined) },
      this.clock,
    );
    const window = query.year ? calendarYear(query.year) : trailingYear(perspective.asOf);
    const inputs = await this.loader.load([window], perspective);
    const result = importDependence(inputs, window);
    const unattributed = inputs.trade.filter((row) => row.productCode === null).map((row) => row.hsCode);
    return {
      asOf: perspective.asOf,
      knowledge: perspective.knowledge,
      ...result,
      window: { from: window.from.slice(0, 7), to: window.to.slice(0, 7) },
      products: result.products.map((product) => ({
        ...product,
        name: inputs.catalogue.get(product.productCode)?.name ?? null,
      })),
      unattributedHsCodes: [...new Set(unattributed)].sort(),
    };
  }
}
