import { Body, Controller, Get, Header, HttpCode, HttpStatus, Ip, Post, SetMetadata } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Public } from '@redmet/platform';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, TokensDto } from './dto/login.dto';
import { TokenIssuer } from './token-issuer';

/** Marks the routes the stricter login throttle applies to. */
export const LOGIN_ROUTE = 'redmet:login-route';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenIssuer,
  ) {}

  @Public()
  @SetMetadata(LOGIN_ROUTE, true)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokensDto })
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.username, dto.password, ip);
  }

  @Public()
  @SetMetadata(LOGIN_ROUTE, true)
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() dto: RefreshDto, @Ip() ip: string) {
    return this.auth.refresh(dto.refreshToken, ip);
  }

  /** Ends the session the refresh token belongs to. */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@Body() dto: RefreshDto) {
    return this.auth.logout(dto.refreshToken);
  }

  /** Who the token says the caller is: the console shows it and picks the screens. */
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return { userId: principal.userId, name: principal.name, roles: principal.roles, companyId: principal.companyId };
  }
}

/**
 * The JWKS changes only when a rotation restarts the gateways. A verifier or
 * cache that keeps it a minute learns a new key at most a minute late, well
 * within a rotation's wait for every pod to trust it before the gateway signs
 * with it, and trusts a removed (leaked) key at most a minute longer.
 */
const JWKS_CACHE_CONTROL = 'public, max-age=60';

/** Published where OpenID Connect clients look for it; services and external verifiers read it. */
@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly tokens: TokenIssuer) {}

  @Public()
  @Get('jwks.json')
  @Header('cache-control', JWKS_CACHE_CONTROL)
  jwks() {
    return this.tokens.publishedKeys();
  }
}
