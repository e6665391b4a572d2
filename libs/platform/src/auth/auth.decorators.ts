import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Role } from '@redmet/contracts';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'redmet:public-route';
export const REQUIRED_ROLES = 'redmet:required-roles';

declare module 'express' {
  interface Request {
    principal?: Principal;
  }
}

/** No token needed: health, metrics. Everything else requires one. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Any one of these roles may call the route (on a class: every route of it; a
 * route's own list wins). The API document shows them as `x-roles`, which the
 * authorisation tests read to try every operation with every role.
 */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension('x-roles', roles));

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
