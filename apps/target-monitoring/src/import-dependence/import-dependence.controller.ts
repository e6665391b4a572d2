import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Clock } from '@redmet/platform';
import { ReadsMonitoring } from '../common/access';
import { calendarYear, trailingYear } from '../common/months';
import { perspectiveOf, PerspectiveQuery } from '../common/perspective';
import { importDependence } from '../programme/import-dependence';
import { ProgrammeInputsLoader } from '../programme/programme-inputs.loader';

export class ImportDependenceQuery extends PerspectiveQuery {
  @ApiPropertyOptional({
    example: 2025,
    description: 'A calendar year instead of the twelve months up to asOf (asOf then defaults to its last day)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@ApiTags('import dependence')
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
  })
  async get(@Query() query: ImportDependenceQuery) {
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
