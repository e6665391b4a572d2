import { describe, expect, it } from '@jest/globals';
import { handedOverOn, notRunningIn, sitesFor } from './site-choice';
import type { Site } from './sites';

const US = 'company-us';
const THEM = 'company-them';

type Lifecycle = Omit<NonNullable<Site['facility']>, 'operatorCompanyId' | 'operators'>;

/** A plant operated by `operators` in turn (ours from its registration unless given). */
const plant = (
  name: string,
  lifecycle: Lifecycle,
  operators: { operatorCompanyId: string; since: string | null }[] = [{ operatorCompanyId: US, since: null }],
): Site => ({
  key: `facility:${name}`,
  facilityId: name,
  name,
  kind: 'facility',
  facility: { ...lifecycle, operatorCompanyId: operators.at(-1)!.operatorCompanyId, operators },
});

const deposit: Site = { key: 'deposit:d', depositId: 'd', name: 'd', kind: 'deposit' };
const running = plant('running', { status: 'commissioned', statusSince: '2020-05-01', commissionedOn: '2020-05-01' });
/** Ran until 14 May 2026: its first day closed is the 15th. */
const closed = plant('closed', { status: 'closed', statusSince: '2026-05-15', commissionedOn: '2019-03-01' });
const building = plant('building', { status: 'under_construction', statusSince: '2025-06-01', commissionedOn: null });
const abandoned = plant('abandoned', { status: 'closed', statusSince: '2026-02-01', commissionedOn: null });
const newPlant = plant('new', { status: 'commissioned', statusSince: '2026-08-10', commissionedOn: '2026-08-10' });
const SITES = [running, closed, building, abandoned, newPlant, deposit];
const names = (sites: Site[]) => sites.map((site) => site.name);

describe('report form: the sites offered for a period', () => {
  it('offers a closed plant for its closing period and before, not after', () => {
    expect(names(sitesFor(SITES, '2026-Q2', US))).toEqual(['running', 'closed', 'd']);
    expect(names(sitesFor(SITES, '2026-05', US))).toEqual(['running', 'closed', 'd']);
    expect(names(sitesFor(SITES, ' 2026-Q1 ', US))).toEqual(['running', 'closed', 'd']);
    expect(names(sitesFor(SITES, '2026-06', US))).toEqual(['running', 'd']);
    expect(names(sitesFor(SITES, '2026-Q3', US))).toEqual(['running', 'new', 'd']);
  });

  it('offers a plant from the period it was commissioned in', () => {
    expect(names(sitesFor(SITES, '2026-07', US))).toEqual(['running', 'd']);
    expect(names(sitesFor(SITES, '2026-08', US))).toEqual(['running', 'new', 'd']);
  });

  it('offers every plant that ever ran until the period is one, and never one not commissioned', () => {
    for (const period of ['', '2026', '2026-Q', 'soon'])
      expect(names(sitesFor(SITES, period, US))).toEqual(['running', 'closed', 'new', 'd']);
  });

  it('keeps the site chosen, as a draft has it, whatever the period', () => {
    expect(names(sitesFor(SITES, '2026-Q3', US, closed.key))).toEqual(['running', 'closed', 'new', 'd']);
    expect(names(sitesFor(SITES, '2026-Q3', US, building.key))).toEqual(['running', 'building', 'new', 'd']);
  });
});

describe('report form: why the plant chosen had no output in the period', () => {
  it('names the closing day of a plant closed by the start of the period', () => {
    expect(notRunningIn(closed, '2026-Q3', US)).toEqual({ reason: 'closed', on: '2026-05-15' });
    expect(notRunningIn(closed, '2026-06', US)).toEqual({ reason: 'closed', on: '2026-05-15' });
    expect(notRunningIn(abandoned, '2025-Q4', US)).toEqual({ reason: 'closed', on: '2026-02-01' });
  });

  it('says a plant was not commissioned yet, or only later', () => {
    expect(notRunningIn(building, '2026-Q1', US)).toEqual({ reason: 'notCommissioned' });
    expect(notRunningIn(newPlant, '2026-Q2', US)).toEqual({ reason: 'commissionedLater', on: '2026-08-10' });
  });

  it('says nothing of a period it ran in, a deposit, or a period not yet written', () => {
    expect(notRunningIn(closed, '2026-Q2', US)).toBeNull();
    expect(notRunningIn(running, '2026-Q3', US)).toBeNull();
    expect(notRunningIn(deposit, '2026-Q3', US)).toBeNull();
    expect(notRunningIn(closed, '2026-Q', US)).toBeNull();
    expect(notRunningIn(undefined, '2026-Q3', US)).toBeNull();
  });
});

describe('report form: a plant handed over', () => {
  // Ours until the end of May 2026, theirs from 1 June.
  const sold = plant('sold', { status: 'commissioned', statusSince: '2020-05-01', commissionedOn: '2020-05-01' }, [
    { operatorCompanyId: US, since: null },
    { operatorCompanyId: THEM, since: '2026-06-01' },
  ]);
  // Theirs until the end of March 2026, ours from 1 April.
  const bought = plant('bought', { status: 'commissioned', statusSince: '2020-05-01', commissionedOn: '2020-05-01' }, [
    { operatorCompanyId: THEM, since: null },
    { operatorCompanyId: US, since: '2026-04-01' },
  ]);
  const both = [sold, bought, deposit];

  it('is offered to each operator for the periods with a month it ran the plant in', () => {
    expect(names(sitesFor(both, '2026-Q1', US))).toEqual(['sold', 'd']);
    expect(names(sitesFor(both, '2026-Q2', US))).toEqual(['sold', 'bought', 'd']);
    expect(names(sitesFor(both, '2026-05', US))).toEqual(['sold', 'bought', 'd']);
    expect(names(sitesFor(both, '2026-06', US))).toEqual(['bought', 'd']);
    expect(names(sitesFor(both, '2026-Q3', US))).toEqual(['bought', 'd']);
    expect(names(sitesFor(both, '2026-Q2', THEM))).toEqual(['sold', 'd']);
    expect(names(sitesFor(both, '2026-Q1', THEM))).toEqual(['bought', 'd']);
  });

  it('says another company operated it when the period has no month of ours', () => {
    expect(notRunningIn(sold, '2026-Q3', US)).toEqual({ reason: 'operatedByAnother' });
    expect(notRunningIn(bought, '2026-03', US)).toEqual({ reason: 'operatedByAnother' });
    expect(notRunningIn(sold, '2026-Q2', US)).toBeNull();
  });

  it('names the day it was handed over to the next operator, none while it is ours', () => {
    expect(handedOverOn(sold.facility!, US)).toBe('2026-06-01');
    expect(handedOverOn(bought.facility!, US)).toBeNull();
    expect(handedOverOn(bought.facility!, THEM)).toBe('2026-04-01');
  });
});
