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
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a poison event', new PoisonEventError('contradicts the registry')],
    ['something that is not an Error', 'boom'],
  ])('treats %s as a fault of the event or the handler', (_, error) => {
    expect(isTransientInfrastructureError(error)).toBe(false);
  });
});
