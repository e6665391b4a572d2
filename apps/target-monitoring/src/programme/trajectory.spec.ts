import Decimal from 'decimal.js';
import type { TargetSettings } from '../configuration/settings';
import { forecastFor, statusOf, trajectoryAt } from './trajectory';

const importDependence: TargetSettings = {
  name: 'Import dependence',
  unit: '%',
  direction: 'decrease',
  baselineYear: 2024,
  baselineValue: '75',
  targetYear: 2030,
  targetValue: '48',
  path: [],
  atRiskTolerance: '0.05',
  offTrackTolerance: '0.15',
  source: 'test',
};

const plants: TargetSettings = {
  ...importDependence,
  unit: 'plants',
  direction: 'increase',
  baselineValue: '0',
  targetValue: '15',
};

describe('target trajectory, status and forecast', () => {
  it('runs in a straight line from the baseline year end to the target year end', () => {
    const baseline = new Decimal(75);
    expect(trajectoryAt(importDependence, baseline, '2024-06-30').toFixed()).toBe('75');
    expect(trajectoryAt(importDependence, baseline, '2027-12-31').toDecimalPlaces(1).toFixed()).toBe('61.5');
    expect(trajectoryAt(importDependence, baseline, '2031-03-01').toFixed()).toBe('48');
  });

  it('follows a configured path through year-end values', () => {
    const stepped = { ...plants, path: [{ year: 2026, value: '1' }] };
    expect(trajectoryAt(stepped, new Decimal(0), '2026-12-31').toFixed()).toBe('1');
    expect(trajectoryAt(stepped, new Decimal(0), '2028-12-31').toDecimalPlaces(2).toFixed()).toBe('8');
  });

  it('judges the shortfall as a share of the whole planned change', () => {
    const baseline = new Decimal(75);
    const expected = new Decimal('61.5');
    expect(statusOf(importDependence, baseline, expected, new Decimal('62.5')).status).toBe('on_track');
    expect(statusOf(importDependence, baseline, expected, new Decimal('64')).status).toBe('at_risk');
    expect(statusOf(importDependence, baseline, expected, new Decimal('70')).status).toBe('off_track');
    expect(statusOf(plants, new Decimal(0), new Decimal(6), new Decimal(5)).status).toBe('at_risk');
    expect(statusOf(plants, new Decimal(0), new Decimal(6), null).status).toBe('no_data');
  });

  it('carries the past year’s change forward to the end of the target year', () => {
    expect(forecastFor(plants, new Decimal(4), new Decimal(2), '2028-12-31')?.toDecimalPlaces(1).toFixed()).toBe('8');
    expect(forecastFor(plants, new Decimal(4), null, '2028-12-31')?.toFixed()).toBe('4');
    expect(forecastFor(importDependence, new Decimal(10), new Decimal(30), '2028-12-31')?.toFixed()).toBe('0');
  });
});
