import { describe, expect, it } from '@jest/globals';
import { notRunningIn, sitesFor } from './site-choice';
import type { Site } from './sites';

const plant = (name: string, facility: Site['facility']): Site => ({
  key: `facility:${name}`,
  facilityId: name,
  name,
  kind: 'facility',
  facility,
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
    expect(names(sitesFor(SITES, '2026-Q2'))).toEqual(['running', 'closed', 'd']);
    expect(names(sitesFor(SITES, '2026-05'))).toEqual(['running', 'closed', 'd']);
    expect(names(sitesFor(SITES, ' 2026-Q1 '))).toEqual(['running', 'closed', 'd']);
    expect(names(sitesFor(SITES, '2026-06'))).toEqual(['running', 'd']);
    expect(names(sitesFor(SITES, '2026-Q3'))).toEqual(['running', 'new', 'd']);
  });

  it('offers a plant from the period it was commissioned in', () => {
    expect(names(sitesFor(SITES, '2026-07'))).toEqual(['running', 'd']);
    expect(names(sitesFor(SITES, '2026-08'))).toEqual(['running', 'new', 'd']);
  });

  it('offers every plant that ever ran until the period is one, and never one not commissioned', () => {
    for (const period of ['', '2026', '2026-Q', 'soon'])
      expect(names(sitesFor(SITES, period))).toEqual(['running', 'closed', 'new', 'd']);
  });

  it('keeps the site chosen, as a draft has it, whatever the period', () => {
    expect(names(sitesFor(SITES, '2026-Q3', closed.key))).toEqual(['running', 'closed', 'new', 'd']);
    expect(names(sitesFor(SITES, '2026-Q3', building.key))).toEqual(['running', 'building', 'new', 'd']);
  });
});

describe('report form: why the plant chosen had no output in the period', () => {
  it('names the closing day of a plant closed by the start of the period', () => {
    expect(notRunningIn(closed, '2026-Q3')).toEqual({ reason: 'closed', on: '2026-05-15' });
    expect(notRunningIn(closed, '2026-06')).toEqual({ reason: 'closed', on: '2026-05-15' });
    expect(notRunningIn(abandoned, '2025-Q4')).toEqual({ reason: 'closed', on: '2026-02-01' });
  });

  it('says a plant was not commissioned yet, or only later', () => {
    expect(notRunningIn(building, '2026-Q1')).toEqual({ reason: 'notCommissioned' });
    expect(notRunningIn(newPlant, '2026-Q2')).toEqual({ reason: 'commissionedLater', on: '2026-08-10' });
  });

  it('says nothing of a period it ran in, a deposit, or a period not yet written', () => {
    expect(notRunningIn(closed, '2026-Q2')).toBeNull();
    expect(notRunningIn(running, '2026-Q3')).toBeNull();
    expect(notRunningIn(deposit, '2026-Q3')).toBeNull();
    expect(notRunningIn(closed, '2026-Q')).toBeNull();
    expect(notRunningIn(undefined, '2026-Q3')).toBeNull();
  });
});
