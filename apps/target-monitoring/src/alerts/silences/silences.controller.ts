import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import { ActsOnAlerts, ReadsMonitoring } from '../../common/access';
import { CreateSilenceDto, SilenceQuery } from './silence.dto';
import { SilencesService } from './silences.service';

@ApiTags('alerts')
@ReadsMonitoring()
@Controller('silences')
export class SilencesController {
  constructor(private readonly silences: SilencesService) {}

  @ActsOnAlerts()
  @Post()
  create(@Body() dto: CreateSilenceDto, @CurrentPrincipal() principal: Principal) {
    return this.silences.create(dto, principal);
  }

  @Get()
  list(@Query() query: SilenceQuery) {
    return this.silences.list(query);
  }

  @ActsOnAlerts()
  @Post(':id/end')
  @HttpCode(HttpStatus.OK)
  end(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.silences.end(id, principal);
  }
}
