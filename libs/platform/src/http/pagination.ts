import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { QueryInteger } from './query-values';

export class PageQuery {
  /** Bounded so that the offset stays a number PostgreSQL takes (page 1e17 would overflow its bigint). */
  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, default: 1 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;

  get skip(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export class Page<T> {
  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  items: T[];

  static of<T>(items: T[], total: number, query: PageQuery): Page<T> {
    return Object.assign(new Page<T>(), { items, total, page: query.page, pageSize: query.pageSize });
  }
}
