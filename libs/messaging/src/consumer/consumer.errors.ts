/**
 * Thrown by a handler for an event that can never be applied (it contradicts
 * what the consumer knows for good): it goes to the dead-letter topic at once,
 * without retries.
 */
export class PoisonEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonEventError';
  }
}

/** Connection-level failures of PostgreSQL (class 08, shutdown 57P0x, too many connections) and of sockets. */
const TRANSIENT_PG_CODES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
]);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
];

/**
 * An outage of the infrastructure, not a fault of the event: dead-lettering it
 * would throw away good events while the database restarts. Such errors stop
 * the partition instead, and the broker redelivers once things are back.
 */
export function isTransientInfrastructureError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (typeof code === 'string' && (TRANSIENT_PG_CODES.has(code) || TRANSIENT_NODE_CODES.has(code))) return true;
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(error.message));
}
