import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, UuidParam } from '@redmet/platform';
import { ClaimView } from '../claims/dto/claim-view.dto';
import { PaymentDto, SchedulePaymentDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller('claims/:id')
@Roles('finance_officer')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('schedule-payment')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ClaimView })
  schedule(@UuidParam('id') id: string, @Body() dto: SchedulePaymentDto, @CurrentPrincipal() principal: Principal) {
    return this.payments.schedule(id, dto, principal);
  }

  @Post('pay')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ClaimView })
  pay(@UuidParam('id') id: string, @Body() dto: PaymentDto, @CurrentPrincipal() principal: Principal) {
    return this.payments.pay(id, dto, principal);
  }
}
