import { Body, Controller, Get, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@redmet/platform';
import { Deposit } from './deposit.entity';
import { DepositsService } from './deposits.service';
import { DepositQuery, RegisterDepositDto, UpdateDepositDto } from './dto/deposit.dto';
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
  register(@Body() dto: RegisterDepositDto) {
    return this.deposits.register(dto);
  }

  @Get()
  list(@Query() query: DepositQuery) {
    return this.deposits.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: Deposit, headers: VERSION_TAG_HEADER })
  get(@UuidParam('id') id: string) {
    return this.deposits.get(id);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Deposit, headers: VERSION_TAG_HEADER })
  update(@UuidParam('id') id: string, @Body() dto: UpdateDepositDto, @IfMatch() condition: VersionCondition) {
    return this.deposits.update(id, dto, condition);
  }
}
