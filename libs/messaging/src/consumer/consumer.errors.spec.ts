import { isTransientInfrastructureError, PoisonEventError } from './consumer.errors';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientInfrastructureError', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['an administrator shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['a serialization failure', withCode('could not serialize access', '40001')],
    ['a deadlock', withCode('deadlock detected', '40P01')],
    ['a read-only database', withCode('cannot execute INSERT in a read-only transaction', '25006')],
    ['a lock timeout', withCode('canceling statement due to lock timeout', '55P03')],
    ['a full disk', withCode('could not extend file', '53100')],
    ['a database dropped under the session', withCode('terminating connection: database dropped', '57P04')],
    ['an I/O error', withCode('could not read block', '58030')],
    ['a protocol violation', withCode('invalid frontend message', '08P01')],
    ['an unreachable host', withCode('connect EHOSTUNREACH 10.0.0.5:5432', 'EHOSTUNREACH')],
    ['an unreachable network', withCode('connect ENETUNREACH 10.0.0.5:5432', 'ENETUNREACH')],
    ['an aborted connection', withCode('read ECONNABORTED', 'ECONNABORTED')],
    [
      'a TypeORM error wrapping a connection failure',
      Object.assign(new Error('query failed'), { driverError: { code: '08006' } }),
    ],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
  ])('treats %s as an outage to wait out', (_, error) => {
    expect(isTransientInfrastructureError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key', '23505')],
    ['a statement timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a poison event', new PoisonEventError('contradicts the registry')],
    ['something that is not an Error', 'boom'],
  ])('treats %s as a fault of the event or the handler', (_, error) => {
    expect(isTransientInfrastructureError(error)).toBe(false);
  });
});
