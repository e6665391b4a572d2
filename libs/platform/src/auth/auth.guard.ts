import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@redmet/contracts';
import { DomainError } from '../errors/domain.error';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { TokenVerifier } from './token-verifier';

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super('AUTH.UNAUTHENTICATED', message, HttpStatus.UNAUTHORIZED);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, HttpStatus.FORBIDDEN);
  }
}

/**
 * Every HTTP route needs a valid token unless marked @Public(), and one of its @Roles() if it names any
 * (a route that names none: any Redmet role).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthenticatedError('A bearer token is required (Authorization: Bearer <token>)');
    }
    request.principal = await this.verifier.verify(token).catch(() => {
      throw new UnauthenticatedError('The token is invalid or has expired');
    });
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !request.principal.hasRole(...required)) {
      throw new ForbiddenError('AUTH.ROLE_REQUIRED', `This needs one of the roles: ${required.join(', ')}`);
    }
    // Without @Roles any role will do, but not none: a provider's token whose roles map to none of Redmet's
    // names someone with no business here (and with no company, a "producer" of nothing).
    if (!required && request.principal.roles.length === 0) {
      throw new ForbiddenError('AUTH.ROLE_REQUIRED', 'This needs a Redmet role, and the token names none');
    }
    return true;
  }
}
