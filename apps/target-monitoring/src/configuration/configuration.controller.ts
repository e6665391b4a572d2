import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Clock, CurrentPrincipal, type Principal } from '@redmet/platform';
import { ALERT_RULE_IDS } from '@redmet/contracts';
import { ConfiguresMonitoring, ReadsMonitoring } from '../common/access';
import { perspectiveOf, PerspectiveQuery } from '../common/perspective';
import { ConfigurationService } from './configuration.service';
import { ConfigurationStore } from './configuration.store';
import { ProductReferenceChangeDto, RuleChangeDto, TargetChangeDto } from './dto/config-change.dto';
import { productCode, ruleId, targetKey } from './keys';
import { TARGET_KEYS } from './settings';

const RECORDED = {
  description:
    'The version recorded; in carriedForward, the versions effective later that still held a value it replaced, ' +
    'recorded anew with the change (a later version that set its own value keeps it)',
};

/**
 * Targets, alert rules and reference data. Everyone on the ministry's side
 * reads them; only administrators change them (each change is a new version
 * with its effective date, author and reason).
 */
@ApiTags('configuration')
@ReadsMonitoring()
@Controller('configuration')
export class ConfigurationController {
  constructor(
    private readonly configuration: ConfigurationService,
    private readonly store: ConfigurationStore,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every setting in effect on asOf, with its version, author and reason' })
  async current(@Query() query: PerspectiveQuery) {
    return [...(await this.store.effective('', perspectiveOf(query, this.clock))).values()];
  }

  @Get('versions/:key')
  @ApiParam({ name: 'key', example: 'target:output-small-tonnage' })
  @ApiOkResponse({ description: 'The audit trail: every version, who recorded it, when and why' })
  versions(@Param('key') key: string) {
    return this.configuration.history(key);
  }

  @ConfiguresMonitoring()
  @Patch('targets/:key')
  @ApiOkResponse(RECORDED)
  @ApiParam({ name: 'key', enum: TARGET_KEYS })
  changeTarget(@Param('key') key: string, @Body() change: TargetChangeDto, @CurrentPrincipal() principal: Principal) {
    return this.configuration.changeTarget(`target:${targetKey(key)}`, change, principal);
  }

  @ConfiguresMonitoring()
  @Patch('rules/:rule')
  @ApiOkResponse(RECORDED)
  @ApiParam({ name: 'rule', enum: ALERT_RULE_IDS })
  changeRule(@Param('rule') rule: string, @Body() change: RuleChangeDto, @CurrentPrincipal() principal: Principal) {
    return this.configuration.changeRule(ruleId(rule), change, principal);
  }

  @ConfiguresMonitoring()
  @Patch('products/:code')
  @ApiOkResponse(RECORDED)
  changeProduct(
    @Param('code') code: string,
    @Body() change: ProductReferenceChangeDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.configuration.changeProduct(productCode(code), change, principal);
  }
}
