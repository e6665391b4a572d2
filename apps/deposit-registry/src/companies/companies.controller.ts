import { Body, Controller, Get, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@redmet/contracts';
import { CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import { CompaniesService } from './companies.service';
import { Company } from './company.entity';
import { CompanyQuery, RegisterCompanyDto, UpdateCompanyDto } from './dto/company.dto';
import { ActingUser } from '../common/changed-by';
import { EditsRegistry } from '../common/edits-registry.decorator';
import { IfMatch, type VersionCondition, VERSION_TAG_HEADER, VersionTagInterceptor } from '../common/record-version';

@ApiTags('companies')
@UseInterceptors(VersionTagInterceptor)
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Company, headers: VERSION_TAG_HEADER })
  register(@Body() dto: RegisterCompanyDto, @ActingUser() actor: Actor) {
    return this.companies.register(dto, actor);
  }

  @Get()
  list(@Query() query: CompanyQuery, @CurrentPrincipal() principal: Principal) {
    return this.companies.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({
    type: Company,
    headers: VERSION_TAG_HEADER,
    description:
      'To a producer of another company the company comes without its contacts and without the names of who changed it, and with a weak ETag of its own rather than the version',
  })
  get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.companies.get(id, principal);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Company, headers: VERSION_TAG_HEADER })
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateCompanyDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.companies.update(id, dto, actor, condition);
  }
}
