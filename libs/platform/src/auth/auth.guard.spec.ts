import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@redmet/contracts';
import { Roles } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import { Principal } from './principal';
import type { TokenVerifier } from './token-verifier';

class Reports {
  list(): void {}

  @Roles('admin')
  remove(): void {}
}

/** Whether the guard lets a caller with these roles call the route; the error's code when it does not. */
function call(route: keyof Reports, roles: Role[]): Promise<true | string> {
  const verifier = { verify: async () => new Principal('u-1', roles, null) } as unknown as TokenVerifier;
  const request = { header: () => 'Bearer a.b.c' };
  const context = {
    getType: () => 'http',
    getHandler: () => Reports.prototype[route],
    getClass: () => Reports,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return new AuthGuard(new Reflector(), verifier)
    .canActivate(context)
    .then(() => true as const)
    .catch((error: { code: string }) => error.code);
}

describe('AuthGuard', () => {
  it('lets any role call a route without @Roles, and only the named roles one with them', async () => {
    expect(await call('list', ['producer'])).toBe(true);
    expect(await call('remove', ['admin'])).toBe(true);
    expect(await call('remove', ['ministry_analyst'])).toBe('AUTH.ROLE_REQUIRED');
  });

  it('refuses a caller whose token names no Redmet role, even where the route names none', async () => {
    expect(await call('list', [])).toBe('AUTH.ROLE_REQUIRED');
  });
});
