import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@redmet/platform';
import {
  FacilityOperatorChangeDto,
  FacilityQuery,
  FacilityStatusChangeDto,
  RegisterFacilityDto,
  UpdateFacilityDto,
} from './dto/facility.dto';
import { FacilitiesService } from './facilities.service';
import { FacilityStatusChange } from './facility-status-change.entity';
import { Facility } from './facility.entity';
import { EditsRegistry } from '../common/edits-registry.decorator';
import { IfMatch, type VersionCondition, VERSION_TAG_HEADER, VersionTagInterceptor } from '../common/record-version';

@ApiTags('facilities')
@UseInterceptors(VersionTagInterceptor)
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  register(@Body() dto: RegisterFacilityDto) {
    return this.facilities.register(dto);
  }

  @Get()
  list(@Query() query: FacilityQuery) {
    return this.facilities.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  get(@UuidParam('id') id: string) {
    return this.facilities.get(id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: FacilityStatusChange, isArray: true })
  history(@UuidParam('id') id: string) {
    return this.facilities.history(id);
  }

  @EditsRegistry()
  @Patch(':id')
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  update(@UuidParam('id') id: string, @Body() dto: UpdateFacilityDto, @IfMatch() condition: VersionCondition) {
    return this.facilities.update(id, dto, condition);
  }

  @EditsRegistry()
  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  changeStatus(
    @UuidParam('id') id: string,
    @Body() dto: FacilityStatusChangeDto,
    @IfMatch() condition: VersionCondition,
  ) {
    return this.facilities.changeStatus(id, dto, condition);
  }

  @EditsRegistry()
  @Post(':id/operator')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Facility, headers: VERSION_TAG_HEADER })
  changeOperator(
    @UuidParam('id') id: string,
    @Body() dto: FacilityOperatorChangeDto,
    @IfMatch() condition: VersionCondition,
  ) {
    return this.facilities.changeOperator(id, dto, condition);
  }
}
