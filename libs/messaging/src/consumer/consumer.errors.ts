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

/**
 * SQLSTATE classes that say the database cannot serve anyone right now:
 * connection exceptions (08), insufficient resources (53: disk full, out of
 * memory, too many connections), operator intervention (57: shutdown, crash,
 * a database not accepting connections yet) and system errors (58: I/O).
 */
const TRANSIENT_PG_CLASSES = new Set(['08', '53', '57', '58']);
/**
 * Single codes outside those classes: a read-only database (a failover landing
 * on a replica, a guard against a full disk), a lock timeout, and the conflicts
 * that a second try of the same transaction resolves.
 */
const TRANSIENT_PG_CODES = new Set(['25006', '55P03', '40001', '40P01']);
/**
 * A cancelled statement (class 57), most often by statement_timeout, which a
 * poison event's own slow query hits on every try: waiting would stop its
 * partition for good, so it is retried like any failing handler and then
 * dead-lettered, to be replayed once the cause is known.
 */
const STATEMENT_CANCELLED = '57014';
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
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
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code) || TRANSIENT_PG_CODES.has(code)) return true;
    if (TRANSIENT_PG_CLASSES.has(code.slice(0, 2)) && code !== STATEMENT_CANCELLED) return true;
  }
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(error.message));
}
