import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, UuidParam } from '@redmet/platform';
import { ClaimView } from '../claims/dto/claim-view.dto';
import { ClawbackStatement, RefundResult, RepaymentResult } from './dto/clawback-statement.dto';
import { ClawbackSettlementDto, RefundDto, RepaymentDto } from './dto/payment.dto';
import { RefundsService } from './refunds.service';
import { RepaymentsService } from './repayments.service';

@ApiTags('payments')
@Controller('claims/:id/clawback')
export class RepaymentsController {
  constructor(
    private readonly repayments: RepaymentsService,
    private readonly refunds: RefundsService,
  ) {}

  /** Demanded, repaid, outstanding, refunded, refund due, due day, whether overdue, and every repayment and refund. */
  @Get()
  @Roles('producer', 'subsidy_officer', 'finance_officer', 'admin')
  @ApiOkResponse({ type: ClawbackStatement })
  statement(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.repayments.statement(id, principal);
  }

  /** A repayment, possibly partial: the budget gets it back; the claim is clawed back once nothing is outstanding. */
  @Post('repayments')
  @Roles('finance_officer')
  @ApiCreatedResponse({ type: RepaymentResult })
  repay(@UuidParam('id') id: string, @Body() dto: RepaymentDto, @CurrentPrincipal() principal: Principal) {
    return this.repayments.repay(id, dto, principal);
  }

  /** Everything outstanding came back in one payment. */
  @Post('settle')
  @HttpCode(HttpStatus.OK)
  @Roles('finance_officer')
  @ApiOkResponse({ type: ClaimView })
  settle(@UuidParam('id') id: string, @Body() dto: ClawbackSettlementDto, @CurrentPrincipal() principal: Principal) {
    return this.repayments.settle(id, dto, principal);
  }

  /** A refund, possibly partial, of what was repaid beyond a demand that came down: the budget pays it out again. */
  @Post('refunds')
  @Roles('finance_officer')
  @ApiCreatedResponse({ type: RefundResult })
  refund(@UuidParam('id') id: string, @Body() dto: RefundDto, @CurrentPrincipal() principal: Principal) {
    return this.refunds.refund(id, dto, principal);
  }
}
