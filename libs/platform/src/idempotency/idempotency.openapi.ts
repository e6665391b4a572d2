import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_REPLAYED_HEADER, IDEMPOTENT_METHODS } from './idempotency-key';

const DESCRIPTION = [
  'Makes a retry safe: the first request with a key runs and its answer (2xx or 4xx) is kept;',
  'a repeat by the same caller with the same method, path and body gets that answer again,',
  `marked \`${IDEMPOTENCY_REPLAYED_HEADER}: true\`, and runs nothing. A 5xx is not kept, so its retry runs.`,
  '400 `REQUEST.IDEMPOTENCY_KEY_INVALID`: not 1 to 255 printable ASCII characters;',
  '409 `REQUEST.IDEMPOTENCY_KEY_IN_PROGRESS` (with Retry-After): the first request is still running;',
  '422 `REQUEST.IDEMPOTENCY_KEY_REUSED`: the key was used for another method, path or body.',
  'Answers are kept for IDEMPOTENCY_TTL_HOURS (24 h by default). Ignored on routes that need no token.',
].join(' ');

/** Every change in the document takes the header; one place, so a new route has it the day it is written. */
export function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of IDEMPOTENT_METHODS) {
      const operation = item[method.toLowerCase() as 'post' | 'patch' | 'put' | 'delete'];
      if (!operation) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          required: false,
          description: DESCRIPTION,
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
        },
      ];
    }
  }
}
