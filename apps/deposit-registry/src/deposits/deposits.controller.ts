import { Body, Controller, Get, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@redmet/contracts';
import { CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import { Deposit } from './deposit.entity';
import { DepositsService } from './deposits.service';
import { DepositQuery, RegisterDepositDto, UpdateDepositDto } from './dto/deposit.dto';
import { ActingUser, PRODUCERS_SEE_NO_NAMES } from '../common/changed-by';
import { EditsRegistry } from '../common/edits-registry.decorator';
import { IfMatch, type VersionCondition, VERSION_TAG_HEADER, VersionTagInterceptor } from '../common/record-version';

@ApiTags('deposits')
@UseInterceptors(VersionTagInterceptor)
@Controller('deposits')
export class DepositsController {
  constructor(private readonly deposits: DepositsService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Deposit, headers: VERSION_TAG_HEADER })
  register(@Body() dto: RegisterDepositDto, @ActingUser() actor: Actor) {
    return this.deposits.register(dto, actor);
  }

  @Get()
  list(@Query() query: DepositQuery, @CurrentPrincipal() principal: Principal) {
    return this.deposits.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: Deposit, headers: VERSION_TAG_HEADER, description: PRODUCERS_SEE_NO_NAMES })
  get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.deposits.get(id, principal);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Deposit, headers: VERSION_TAG_HEADER })
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateDepositDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.deposits.update(id, dto, actor, condition);
  }
}
