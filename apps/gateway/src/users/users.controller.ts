import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CarriesCredentials, CurrentPrincipal, type Principal, Roles, UuidParam } from '@redmet/platform';
import { AuditService } from '../audit/audit.service';
import { CreateUserDto, PasswordDto, UserQuery, UserRolesDto } from './dto/user.dto';
import { CurrentAdminGuard } from './current-admin.guard';
import { UsersService } from './users.service';
import { PageQuery } from '@redmet/platform';

/** Account administration: admins only. */
@ApiTags('users')
@Roles('admin')
@UseGuards(CurrentAdminGuard)
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @CarriesCredentials()
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() actor: Principal, @Ip() ip: string) {
    return this.users.create(dto, actor, ip);
  }

  @Get()
  list(@Query() query: UserQuery) {
    return this.users.list(query);
  }

  @Get('audit')
  auditTrail(@Query() query: PageQuery) {
    return this.audit.list(query);
  }

  @Get(':id')
  get(@UuidParam('id') id: string) {
    return this.users.get(id);
  }

  @Patch(':id/roles')
  changeRoles(
    @UuidParam('id') id: string,
    @Body() dto: UserRolesDto,
    @CurrentPrincipal() actor: Principal,
    @Ip() ip: string,
  ) {
    return this.users.changeRoles(id, dto, actor, ip);
  }

  @Post(':id/password')
  @CarriesCredentials()
  @HttpCode(HttpStatus.NO_CONTENT)
  resetPassword(
    @UuidParam('id') id: string,
    @Body() dto: PasswordDto,
    @CurrentPrincipal() actor: Principal,
    @Ip() ip: string,
  ) {
    return this.users.resetPassword(id, dto.password, actor, ip);
  }

  @Post(':id/disable')
  disable(@UuidParam('id') id: string, @CurrentPrincipal() actor: Principal, @Ip() ip: string) {
    return this.users.setDisabled(id, true, actor, ip);
  }

  /** Enabling also lifts a lock-out: see unlock. */
  @Post(':id/enable')
  enable(@UuidParam('id') id: string, @CurrentPrincipal() actor: Principal, @Ip() ip: string) {
    return this.users.setDisabled(id, false, actor, ip);
  }

  @Post(':id/unlock')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: "Lifts the account's lock-out after failed logins",
    description:
      'The username can be signed in with again at once, and its run of failed logins is forgotten. ' +
      'Answers 204 whether or not it was locked; the audit entry (account_unlocked) says until when it was.',
  })
  @ApiNoContentResponse({ description: 'Unlocked, or was not locked' })
  @ApiNotFoundResponse({ description: 'USER.NOT_FOUND' })
  unlock(@UuidParam('id') id: string, @CurrentPrincipal() actor: Principal, @Ip() ip: string) {
    return this.users.unlock(id, actor, ip);
  }
}
