import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, UuidParam } from '@redmet/platform';
import { ClaimView } from '../claims/dto/claim-view.dto';
import { ClaimReviewView } from './claim-review.view';
import { ApproveDto, ReassignDto, RejectDto, ReturnDto, RevokeDto } from './dto/decision.dto';
import { ReviewService } from './review.service';

@ApiTags('review')
@Controller('claims/:id')
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly view: ClaimReviewView,
  ) {}

  /** Side by side: the claim, the report versions it relies on, the remaining budget. */
  @Get('review')
  @Roles('subsidy_officer', 'finance_officer', 'admin')
  show(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.view.show(id, principal);
  }

  @Post('take')
  @HttpCode(HttpStatus.OK)
  @Roles('subsidy_officer')
  @ApiOkResponse({ type: ClaimView })
  take(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.review.take(id, principal);
  }

  /** Hands a claim under review to another officer: by the officer it is with, or an admin; with a reason. */
  @Post('reassign')
  @HttpCode(HttpStatus.OK)
  @Roles('subsidy_officer', 'admin')
  @ApiOkResponse({ type: ClaimView })
  reassign(@UuidParam('id') id: string, @Body() dto: ReassignDto, @CurrentPrincipal() principal: Principal) {
    return this.review.reassign(id, dto, principal);
  }

  /** Final, or the first of two approvals above the four-eyes threshold (then `firstApproval` is set). */
  @Post('approve')
  @HttpCode(HttpStatus.OK)
  @Roles('subsidy_officer')
  @ApiOkResponse({ type: ClaimView })
  approve(@UuidParam('id') id: string, @Body() dto: ApproveDto, @CurrentPrincipal() principal: Principal) {
    return this.review.approve(id, dto, principal);
  }

  @Post('reject')
  @HttpCode(HttpStatus.OK)
  @Roles('subsidy_officer')
  @ApiOkResponse({ type: ClaimView })
  reject(@UuidParam('id') id: string, @Body() dto: RejectDto, @CurrentPrincipal() principal: Principal) {
    return this.review.reject(id, dto, principal);
  }

  /** An approved or payment-scheduled claim ends rejected; its reservation, cap room and invoices are freed. */
  @Post('revoke')
  @HttpCode(HttpStatus.OK)
  @Roles('subsidy_officer')
  @ApiOkResponse({ type: ClaimView })
  revoke(@UuidParam('id') id: string, @Body() dto: RevokeDto, @CurrentPrincipal() principal: Principal) {
    return this.review.revoke(id, dto, principal);
  }

  @Post('return')
  @HttpCode(HttpStatus.OK)
  @Roles('subsidy_officer')
  @ApiOkResponse({ type: ClaimView })
  returnForInformation(@UuidParam('id') id: string, @Body() dto: ReturnDto, @CurrentPrincipal() principal: Principal) {
    return this.review.returnForInformation(id, dto, principal);
  }
}
