import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, InvalidInputError, type Principal, Roles } from '@redmet/platform';
import { ProgrammeVersionDto } from './dto/programme-version.dto';
import { ProgrammeVersion } from './programme-version.entity';
import { ProgrammesService } from './programmes.service';

const YearParam = () =>
  Param('year', {
    transform(value: string): number {
      if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) {
        throw new InvalidInputError('REQUEST.INVALID', 'year must be a year between 2000 and 2100', [
          { field: 'year', messages: ['year must be a year between 2000 and 2100, e.g. 2026'] },
        ]);
      }
      return Number(value);
    },
  });

/** Everyone signed in reads the programme; only admins change it, one audited version at a time. */
@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  list() {
    return this.programmes.list();
  }

  @Get(':year')
  get(@YearParam() year: number) {
    return this.programmes.get(year);
  }

  @Get(':year/versions')
  @ApiOkResponse({ type: ProgrammeVersion, isArray: true })
  versions(@YearParam() year: number) {
    return this.programmes.versions(year);
  }

  @Post(':year/versions')
  @Roles('admin')
  @ApiCreatedResponse({ type: ProgrammeVersion })
  addVersion(@YearParam() year: number, @Body() dto: ProgrammeVersionDto, @CurrentPrincipal() principal: Principal) {
    return this.programmes.addVersion(year, dto, principal);
  }
}
