import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import { ActsOnAlerts, ReadsMonitoring } from '../common/access';
import { AlertsService } from './alerts.service';
import { AcknowledgeDto, AlertQuery } from './dto/alert.dto';

@ApiTags('alerts')
@ReadsMonitoring()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  list(@Query() query: AlertQuery) {
    return this.alerts.list(query);
  }

  @Get(':id')
  @ApiOkResponse({
    description:
      'The alert, its history (raised, acknowledged by whom, escalated, resolved) and every delivery attempt. ' +
      "A delivery's channel and subscriptionId are shown to every staff role; its recipient in full only to " +
      'administrators (a webhook URL may carry a token, an e-mail address is a colleague’s): others see the ' +
      "webhook's origin (https://host[:port]) or the address's domain (…@example.org), in lastError and each " +
      "attempt's detail too",
  })
  get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.alerts.get(id, principal);
  }

  @ActsOnAlerts()
  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  acknowledge(@UuidParam('id') id: string, @Body() dto: AcknowledgeDto, @CurrentPrincipal() principal: Principal) {
    return this.alerts.acknowledge(id, dto.comment, principal);
  }
}
