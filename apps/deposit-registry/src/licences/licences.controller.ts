import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@redmet/platform';
import { AmendLicenceDto, IssueLicenceDto, LicenceQuery, LicenceStatusChangeDto } from './dto/licence.dto';
import { LicenceStatusChange } from './licence-status-change.entity';
import { Licence } from './licence.entity';
import { LicencesService } from './licences.service';
import { EditsRegistry } from '../common/edits-registry.decorator';

@ApiTags('licences')
@Controller('licences')
export class LicencesController {
  constructor(private readonly licences: LicencesService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Licence })
  issue(@Body() dto: IssueLicenceDto) {
    return this.licences.issue(dto);
  }

  @Get()
  list(@Query() query: LicenceQuery) {
    return this.licences.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: Licence })
  get(@UuidParam('id') id: string) {
    return this.licences.get(id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: LicenceStatusChange, isArray: true })
  history(@UuidParam('id') id: string) {
    return this.licences.history(id);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Licence })
  amend(@UuidParam('id') id: string, @Body() dto: AmendLicenceDto) {
    return this.licences.amend(id, dto);
  }

  @EditsRegistry()
  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence })
  suspend(@UuidParam('id') id: string, @Body() dto: LicenceStatusChangeDto) {
    return this.licences.changeStatus(id, 'suspend', dto);
  }

  @EditsRegistry()
  @Post(':id/reinstate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence })
  reinstate(@UuidParam('id') id: string, @Body() dto: LicenceStatusChangeDto) {
    return this.licences.changeStatus(id, 'reinstate', dto);
  }

  @EditsRegistry()
  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Licence })
  revoke(@UuidParam('id') id: string, @Body() dto: LicenceStatusChangeDto) {
    return this.licences.changeStatus(id, 'revoke', dto);
  }
}
