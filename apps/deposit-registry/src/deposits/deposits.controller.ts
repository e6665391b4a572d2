import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@redmet/platform';
import { Deposit } from './deposit.entity';
import { DepositsService } from './deposits.service';
import { DepositQuery, RegisterDepositDto, UpdateDepositDto } from './dto/deposit.dto';
import { EditsRegistry } from '../common/edits-registry.decorator';

@ApiTags('deposits')
@Controller('deposits')
export class DepositsController {
  constructor(private readonly deposits: DepositsService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Deposit })
  register(@Body() dto: RegisterDepositDto) {
    return this.deposits.register(dto);
  }

  @Get()
  list(@Query() query: DepositQuery) {
    return this.deposits.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: Deposit })
  get(@UuidParam('id') id: string) {
    return this.deposits.get(id);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Deposit })
  update(@UuidParam('id') id: string, @Body() dto: UpdateDepositDto) {
    return this.deposits.update(id, dto);
  }
}
