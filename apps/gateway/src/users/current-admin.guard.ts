import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ForbiddenError, UnauthenticatedError } from '@redmet/platform';
import { User } from './user.entity';

/**
 * Account administration goes by the admin's account as it is now, not as
 * the token says: a disabled or demoted admin must not spend the minutes its
 * access token has left (enabling itself again, say). Runs after the token
 * check; a token of an external provider or a service names no account here.
 */
@Injectable()
export class CurrentAdminGuard implements CanActivate {
  constructor(private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { principal } = context.switchToHttp().getRequest<Request>();
    if (!principal || !isUUID(principal.userId)) return true;
    const account = await this.dataSource.manager.findOneBy(User, { id: principal.userId });
    if (account?.disabled) throw new UnauthenticatedError('The account is disabled');
    if (account && !account.roles.includes('admin')) {
      throw new ForbiddenError('AUTH.ROLE_REQUIRED', 'This needs one of the roles: admin');
    }
    return true;
  }
}
