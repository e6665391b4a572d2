import { type BeforeApplicationShutdown, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { ForbiddenError, Public, TokenVerifier, UnauthenticatedError } from '@redmet/platform';
import { STAFF_ROLES } from '../common/access';
import { MonitoringEnvironment } from '../monitoring.environment';
import { AlertStream } from './alert-stream';

/** Longest wait before a timer fires (setTimeout's limit is about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `GET /alerts/stream`: Server-Sent Events. A browser's EventSource cannot
 * send headers, so the token may come as `?access_token=`; it is verified here
 * exactly as the guard would, and the stream ends when the token expires (the
 * console reconnects with a fresh one, resuming from Last-Event-ID). It also
 * ends when the service shuts down: the HTTP server stops only once every
 * connection has closed, so an open stream would hold it until its token
 * expired; the console resumes from another instance, or this one restarted.
 */
@ApiTags('alerts')
@Controller('alerts/stream')
export class AlertStreamController implements BeforeApplicationShutdown {
  private readonly streams = new Set<Response>();
  private stopping = false;

  constructor(
    private readonly stream: AlertStream,
    private readonly verifier: TokenVerifier,
    private readonly environment: MonitoringEnvironment,
  ) {}

  beforeApplicationShutdown(): void {
    this.stopping = true;
    for (const response of this.streams) response.end();
  }

  @Public()
  @Get()
  @ApiQuery({
    name: 'access_token',
    required: false,
    description: 'For EventSource, instead of the Authorization header',
  })
  @ApiQuery({ name: 'lastEventId', required: false, description: 'Resume after this event (or send Last-Event-ID)' })
  @ApiOkResponse({
    description:
      'Server-Sent Events: AlertRaised, AlertSeverityRaised, AlertAcknowledged, AlertEscalated, AlertResolved',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async open(
    @Req() request: Request,
    @Res() response: Response,
    @Query('access_token') queryToken?: string,
    @Query('lastEventId') lastEventIdQuery?: string,
  ): Promise<void> {
    const token = bearer(request) ?? queryToken;
    if (!token) throw new UnauthenticatedError('A token is required (Authorization: Bearer <token> or ?access_token=)');
    const principal = await this.verifier.verify(token).catch(() => {
      throw new UnauthenticatedError('The token is invalid or has expired');
    });
    if (!principal.hasRole(...STAFF_ROLES)) {
      throw new ForbiddenError('AUTH.ROLE_REQUIRED', `This needs one of the roles: ${STAFF_ROLES.join(', ')}`);
    }
    const resumeFrom = lastEventId(request.header('last-event-id') ?? lastEventIdQuery);
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    if (this.stopping) {
      response.end();
      return;
    }
    this.streams.add(response);
    // Listened for before joining: a client that goes while a long replay runs must not stay subscribed.
    const closed = new AbortController();
    const timers: { heartbeat?: NodeJS.Timeout; expiry?: NodeJS.Timeout } = {};
    request.on('close', () => {
      this.streams.delete(response);
      closed.abort();
      clearInterval(timers.heartbeat);
      clearTimeout(timers.expiry);
    });
    // Ended (token expired, shutting down) but not closed yet: a write now would emit an error nobody handles.
    const write = (chunk: string) => {
      if (!response.writableEnded) response.write(chunk);
    };
    await this.stream.join(write, resumeFrom, closed.signal);
    if (closed.signal.aborted) return;
    timers.heartbeat = setInterval(() => write(': keep-alive\n\n'), this.environment.SSE_HEARTBEAT_MS);
    const expiresIn = (decodeJwt(token).exp ?? 0) * 1000 - Date.now();
    timers.expiry = setTimeout(() => response.end(), Math.min(Math.max(expiresIn, 0), MAX_TIMER_MS));
  }
}

function bearer(request: Request): string | undefined {
  const [scheme, token] = (request.header('authorization') ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

function lastEventId(value: string | undefined): number | null {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}
