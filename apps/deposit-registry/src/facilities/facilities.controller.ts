import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@redmet/contracts';
import { CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import {
  FacilityOperatorChangeDto,
  FacilityQuery,
  FacilityStatusChangeDto,
  RegisterFacilityDto,
  UpdateFacilityDto,
} from './dto/facility.dto';
import { FacilitiesService } from './facilities.service';
import { FacilityStatusChange } from './facility-status-change.entity';
import { Facility } from './facility.entity';
import { ActingUser, HISTORY_NAMES, PRODUCERS_SEE_NO_NAMES } from '../common/changed-by';
import { EditsRegistry } from '../common/edits-registry.decorator';
import { IfMatch, type VersionCondition, VERSION_TAG_HEADER, VersionTagInterceptor } from '../common/record-version';

@ApiTags('facilities')
@UseInterceptors(VersionTagInterceptor)
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  register(@Body() dto: RegisterFacilityDto, @ActingUser() actor: Actor) {
    return this.facilities.register(dto, actor);
  }

  @Get()
  list(@Query() query: FacilityQuery, @CurrentPrincipal() principal: Principal) {
    return this.facilities.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER, description: PRODUCERS_SEE_NO_NAMES })
  get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.facilities.get(id, principal);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: FacilityStatusChange, isArray: true, description: HISTORY_NAMES })
  history(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.facilities.history(id, principal);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateFacilityDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.facilities.update(id, dto, actor, condition);
  }

  @EditsRegistry()
  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  changeStatus(
    @UuidParam('id') id: string,
    @Body() dto: FacilityStatusChangeDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.facilities.changeStatus(id, dto, actor, condition);
  }

  @EditsRegistry()
  @Post(':id/operator')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  changeOperator(
    @UuidParam('id') id: string,
    @Body() dto: FacilityOperatorChangeDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.facilities.changeOperator(id, dto, actor, condition);
  }
}
