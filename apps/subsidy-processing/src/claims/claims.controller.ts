import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, UuidParam } from '@redmet/platform';
import { ClaimsService } from './claims.service';
import { CreateClaimDto, UpdateClaimDto } from './dto/claim.dto';
import { ClaimView } from './dto/claim-view.dto';
import { ClaimQuery } from './dto/claim-query.dto';

/** Producers file claims for their own company; officers may key in a paper claim for any company. */
const FILES_CLAIMS = ['producer', 'subsidy_officer'] as const;
const READS_CLAIMS = ['producer', 'subsidy_officer', 'finance_officer', 'admin'] as const;

@ApiTags('claims')
@Controller('claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @Roles(...FILES_CLAIMS)
  @ApiCreatedResponse({ type: ClaimView })
  create(@Body() dto: CreateClaimDto, @CurrentPrincipal() principal: Principal) {
    return this.claims.create(dto, principal);
  }

  @Get()
  @Roles(...READS_CLAIMS)
  list(@Query() query: ClaimQuery, @CurrentPrincipal() principal: Principal) {
    return this.claims.list(query, principal);
  }

  @Get(':id')
  @Roles(...READS_CLAIMS)
  @ApiOkResponse({ type: ClaimView })
  get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.claims.get(id, principal);
  }

  @Patch(':id')
  @Roles(...FILES_CLAIMS)
  @ApiOkResponse({ type: ClaimView })
  update(@UuidParam('id') id: string, @Body() dto: UpdateClaimDto, @CurrentPrincipal() principal: Principal) {
    return this.claims.update(id, dto, principal);
  }

  @Get(':id/eligibility')
  @Roles(...FILES_CLAIMS)
  eligibility(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.claims.checkEligibility(id, principal);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @Roles(...FILES_CLAIMS)
  @ApiOkResponse({ type: ClaimView })
  submit(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.claims.submit(id, principal);
  }
}
