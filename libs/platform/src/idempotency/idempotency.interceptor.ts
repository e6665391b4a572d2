import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
  SetMetadata,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { defer, from, lastValueFrom, mergeMap, type Observable, of } from 'rxjs';
import { problemOf } from '../errors/problem.filter';
import {
  digestOf,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
  IDEMPOTENT_METHODS,
  isWellFormedKey,
  keyCaller,
  uploadDigest,
} from './idempotency-key';
import { endClaim, runUnderClaim } from './claim-fence';
import {
  IdempotencyAnswerLostError,
  IdempotencyKeyInProgressError,
  IdempotencyKeyReusedError,
  IdempotencyKeyTakenOverError,
  MalformedIdempotencyKeyError,
} from './idempotency.errors';
import {
  type HeldKey,
  IdempotentRequests,
  type KeptAnswer,
  type KeyClaim,
  type RequestFingerprint,
} from './idempotent-requests';

declare module 'express' {
  interface Request {
    /** SHA-256 of the JSON body as it arrived. */
    bodyDigest?: string;
  }
}

/** body-parser's `verify` hook: the digest of the raw bytes, which parsing would normalise. */
export function recordBodyDigest(request: IncomingMessage, _response: ServerResponse, body: Buffer): void {
  (request as Request).bodyDigest = digestOf(body);
}

const KEYED_AFTER_UPLOAD = 'redmet:idempotent-after-upload';
const CARRIES_CREDENTIALS = 'redmet:carries-credentials';

/**
 * A route whose body holds a password ignores an Idempotency-Key: the body's
 * digest, kept for a day beside the key, would be a fast, unsalted hash of the
 * password next to its slow one.
 */
export const CarriesCredentials = (): MethodDecorator => SetMetadata(CARRIES_CREDENTIALS, true);

const ANSWERS_WITH_SECRETS = 'redmet:answers-with-secrets';
/**
 * A route whose answer shows a secret once (a webhook's signing secret) keeps
 * its answer for a retry with these top-level fields set to null: kept in
 * full, the secret would lie in plain text beside the key for a day. A client
 * that lost the answer gets the rest and asks for a new secret.
 */
export const AnswersWithSecrets = (...fields: string[]): MethodDecorator => SetMetadata(ANSWERS_WITH_SECRETS, fields);

function withoutSecrets(body: unknown, fields: string[]): unknown {
  if (fields.length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return { ...body, ...Object.fromEntries(fields.filter((field) => field in body).map((field) => [field, null])) };
}
/** The answer's headers a replay repeats; the rest (correlation id, dates) belong to each answer. */
const KEPT_HEADERS = ['location', 'etag', 'content-type'];
const SETTLE_ATTEMPTS = 3;
const SETTLE_RETRY_MS = 200;
/** A run holding its key is usually a request about to answer. */
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

function keptHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

const sameRequest = (held: RequestFingerprint, request: RequestFingerprint): boolean =>
  held.method === request.method && held.path === request.path && held.bodyDigest === request.bodyDigest;

/**
 * A change sent with an `Idempotency-Key` runs once per caller (for one company: `keyCaller`) and key: the
 * first request claims the key, runs, and its answer (but a 5xx, which releases the key) is kept; a repeat
 * with the same method, path and body gets that answer again without running. Routes without a token are
 * left alone: the only ones that change anything are the gateway's sign-in routes, whose answers are
 * credentials that must not be stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    private readonly requests: IdempotentRequests,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_KEY_HEADER);
    const caller = request.principal && keyCaller(request.principal);
    if (key === undefined || caller === undefined || !IDEMPOTENT_METHODS.has(request.method)) return next.handle();
    const bodyDigest = this.bodyDigest(context, request);
    if (bodyDigest === undefined) return next.handle();
    if (!isWellFormedKey(key)) throw new MalformedIdempotencyKeyError();
    const fingerprint = { method: request.method, path: request.originalUrl, bodyDigest };
    const secrets =
      this.reflector.getAllAndOverride<string[]>(ANSWERS_WITH_SECRETS, [context.getHandler(), context.getClass()]) ??
      [];
    return defer(() => this.requests.claim(caller, key, fingerprint)).pipe(
      mergeMap((outcome) =>
        'claim' in outcome
          ? from(this.runOnce(outcome.claim, next, request, response, secrets))
          : of(this.replay(outcome.held, fingerprint, response)),
      ),
    );
  }

  /** What tells this request from another sent with the same key; undefined where another interceptor looks. */
  protected bodyDigest(context: ExecutionContext, request: Request): string | undefined {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(CARRIES_CREDENTIALS, targets)) return undefined;
    // An upload's body is read by its route's own interceptor, inside this one: IdempotentUpload comes after it.
    if (this.reflector.getAllAndOverride<boolean>(KEYED_AFTER_UPLOAD, targets)) return undefined;
    return request.bodyDigest ?? digestOf('');
  }

  /**
   * Awaited as a promise rather than piped, so that the answer is kept even when the client hangs up
   * (a timed-out client is the one that will retry) and Nest stops listening.
   */
  private async runOnce(
    claim: KeyClaim,
    next: CallHandler,
    request: Request,
    response: Response,
    secrets: string[],
  ): Promise<unknown> {
    let body: unknown;
    runUnderClaim(claim);
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      if (error instanceof IdempotencyKeyTakenOverError) {
        // The key is the retry's now: nothing of ours to keep or release, and the retry's answer is the one to get.
        response.setHeader('retry-after', String(IN_PROGRESS_RETRY_AFTER_SECONDS));
        throw error;
      }
      const problem = problemOf(error, request);
      // A 4xx judged the request and would judge it the same again; a 5xx or 503 may go otherwise next time.
      const judged = problem.status < 500;
      const headers = { ...keptHeaders(response), 'content-type': 'application/problem+json' };
      await this.settle(claim, judged ? { status: problem.status, headers, body: JSON.stringify(problem) } : null);
      throw error;
    } finally {
      endClaim();
    }
    // A file or a stream the handler wrote itself cannot be kept: the key is released and a retry runs again.
    const streamed = body instanceof StreamableFile || response.headersSent;
    const kept = JSON.stringify(withoutSecrets(body, secrets)) ?? null;
    const answer = { status: response.statusCode, headers: keptHeaders(response), body: kept };
    await this.settle(claim, streamed ? null : answer);
    return body;
  }

  /** The request earned its answer whatever happens here; a key left unsettled waits out the in-progress timeout. */
  private async settle(claim: KeyClaim, answer: KeptAnswer | null): Promise<void> {
    // A key left in progress runs its change again once the timeout has passed: worth a few tries (a pool busy for a moment).
    for (let attempt = 1; ; attempt += 1) {
      try {
        await (answer ? this.requests.keep(claim, answer) : this.requests.release(claim));
        return;
      } catch (error) {
        if (attempt === SETTLE_ATTEMPTS) {
          this.logger.error({ err: error }, 'Idempotency key not settled; it stays in progress until its timeout');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_RETRY_MS * attempt));
      }
    }
  }

  private replay(held: HeldKey | undefined, request: RequestFingerprint, response: Response): unknown {
    if (held && !sameRequest(held, request)) throw new IdempotencyKeyReusedError();
    if (held?.answerLost) throw new IdempotencyAnswerLostError();
    if (!held?.answer) {
      response.setHeader('retry-after', String(IN_PROGRESS_RETRY_AFTER_SECONDS));
      throw new IdempotencyKeyInProgressError();
    }
    response.status(held.answer.status);
    for (const [name, value] of Object.entries(held.answer.headers)) response.setHeader(name, value);
    response.setHeader(IDEMPOTENCY_REPLAYED_HEADER, 'true');
    return held.answer.body === null ? undefined : JSON.parse(held.answer.body);
  }
}

/** What multer leaves on the request of what it read. */
type UploadedFile = Parameters<typeof uploadDigest>[0];

/** The same, for a `FileUpload` route, placed after the interceptor that reads the file. */
@Injectable()
export class IdempotentUpload extends IdempotencyInterceptor {
  protected override bodyDigest(_context: ExecutionContext, request: Request): string {
    return uploadDigest((request as { file?: UploadedFile }).file, request.body as Record<string, unknown>);
  }
}

/** Put after the upload's own interceptor, so that the file it read is what tells retries apart. */
export const IdempotentAfterUpload = (): MethodDecorator =>
  applyDecorators(SetMetadata(KEYED_AFTER_UPLOAD, true), UseInterceptors(IdempotentUpload));
