import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@redmet/platform';
import { CompaniesService } from './companies.service';
import { Company } from './company.entity';
import { CompanyQuery, RegisterCompanyDto, UpdateCompanyDto } from './dto/company.dto';
import { EditsRegistry } from '../common/edits-registry.decorator';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Company })
  register(@Body() dto: RegisterCompanyDto) {
    return this.companies.register(dto);
  }

  @Get()
  list(@Query() query: CompanyQuery) {
    return this.companies.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: Company })
  get(@UuidParam('id') id: string) {
    return this.companies.get(id);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Company })
  update(@UuidParam('id') id: string, @Body() dto: UpdateCompanyDto) {
    return this.companies.update(id, dto);
  }
}
