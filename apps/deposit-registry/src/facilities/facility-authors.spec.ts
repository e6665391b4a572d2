import { describe, expect, it } from '@jest/globals';
import { Principal } from '@redmet/platform';
import { DEMO_DATA_LOADER, REGISTRY_STAFF } from '../common/changed-by';
import { operatorsAsSeenBy } from './facility-authors';

describe('who handed a plant over, as a reader is shown it', () => {
  const person = { userId: 'u-7', name: 'I. Orlova' };
  const operators = [
    { operatorCompanyId: 'first', since: null },
    { operatorCompanyId: 'second', since: '2025-07-01' },
    { operatorCompanyId: 'third', since: '2026-03-01', handedOverBy: person },
  ];
  const producerOf = (companyId: string | null) => new Principal('p-1', ['producer'], companyId);
  const authors = (principal: Principal, periods = operators) =>
    operatorsAsSeenBy(principal, periods).map((period) => period.handedOverBy);

  it('names every author to staff, and answers the entries as they are', () => {
    const analyst = new Principal('a-1', ['ministry_analyst'], null);
    expect(operatorsAsSeenBy(analyst, operators)).toBe(operators);
  });

  it.each([
    ['took it over', 'third'],
    ['handed it over', 'second'],
  ])('names the author to a producer of the company that %s', (_, companyId) => {
    expect(operatorsAsSeenBy(producerOf(companyId), operators)).toBe(operators);
  });

  it.each([
    ['ran it before the hand-over before', 'first'],
    ['had nothing to do with it', 'other'],
    ['is none', null],
  ])('shows a producer whose company %s "registry staff"', (_, companyId) => {
    expect(authors(producerOf(companyId))).toEqual([undefined, undefined, REGISTRY_STAFF]);
  });

  it('names the registry itself to everyone, and keeps "not recorded" as it is', () => {
    const periods = [
      { operatorCompanyId: 'first', since: null },
      { operatorCompanyId: 'second', since: '2025-07-01', handedOverBy: null },
      { operatorCompanyId: 'third', since: '2026-03-01', handedOverBy: DEMO_DATA_LOADER },
    ];
    expect(operatorsAsSeenBy(producerOf('other'), periods)).toBe(periods);
  });
});
