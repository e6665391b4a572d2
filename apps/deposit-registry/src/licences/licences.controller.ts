import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@redmet/contracts';
import { CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import {
  AmendLicenceDto,
  ExtendLicenceDto,
  IssueLicenceDto,
  LicenceQuery,
  LicenceStatusChangeDto,
  ReopenLicenceDto,
} from './dto/licence.dto';
import { LicenceStatusChange } from './licence-status-change.entity';
import { Licence } from './licence.entity';
import { LicencesService } from './licences.service';
import { ActingUser, HISTORY_NAMES, PRODUCERS_SEE_NO_NAMES } from '../common/changed-by';
import { EditsRegistry } from '../common/edits-registry.decorator';
import { IfMatch, type VersionCondition, VERSION_TAG_HEADER, VersionTagInterceptor } from '../common/record-version';

@ApiTags('licences')
@UseInterceptors(VersionTagInterceptor)
@Controller('licences')
export class LicencesController {
  constructor(private readonly licences: LicencesService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Licence, headers: VERSION_TAG_HEADER })
  issue(@Body() dto: IssueLicenceDto, @ActingUser() actor: Actor) {
    return this.licences.issue(dto, actor);
  }

  @Get()
  list(@Query() query: LicenceQuery, @CurrentPrincipal() principal: Principal) {
    return this.licences.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: Licence, headers: VERSION_TAG_HEADER, description: PRODUCERS_SEE_NO_NAMES })
  get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.licences.get(id, principal);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: LicenceStatusChange, isArray: true, description: HISTORY_NAMES })
  history(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.licences.history(id, principal);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Licence, headers: VERSION_TAG_HEADER })
  amend(
    @UuidParam('id') id: string,
    @Body() dto: AmendLicenceDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.licences.amend(id, dto, actor, condition);
  }

  @EditsRegistry()
  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence, headers: VERSION_TAG_HEADER })
  suspend(
    @UuidParam('id') id: string,
    @Body() dto: LicenceStatusChangeDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.licences.changeStatus(id, 'suspend', dto, actor, condition);
  }

  @EditsRegistry()
  @Post(':id/reinstate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence, headers: VERSION_TAG_HEADER })
  reinstate(
    @UuidParam('id') id: string,
    @Body() dto: LicenceStatusChangeDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.licences.changeStatus(id, 'reinstate', dto, actor, condition);
  }

  @EditsRegistry()
  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence, headers: VERSION_TAG_HEADER })
  revoke(
    @UuidParam('id') id: string,
    @Body() dto: LicenceStatusChangeDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.licences.changeStatus(id, 'revoke', dto, actor, condition);
  }

  /** An extension is signed before the end but often entered after the expiry check has run. */
  @EditsRegistry()
  @Post(':id/extend')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence, headers: VERSION_TAG_HEADER })
  extend(
    @UuidParam('id') id: string,
    @Body() dto: ExtendLicenceDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.licences.reopen(id, 'expired', dto, actor, condition);
  }

  /** A revocation entered in error, or cancelled by a court, never took effect. */
  @EditsRegistry()
  @Post(':id/annul-revocation')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence, headers: VERSION_TAG_HEADER })
  annulRevocation(
    @UuidParam('id') id: string,
    @Body() dto: ReopenLicenceDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.licences.reopen(id, 'revoked', dto, actor, condition);
  }
}
