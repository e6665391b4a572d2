import Decimal from 'decimal.js';
import type { MethodNote, TargetStatus } from '@redmet/contracts';
import { methodNote } from '../common/method-note';
import { calendarYear, lastDayOf, type MonthWindow, monthsIn, trailingYear } from '../common/months';
import type { Perspective } from '../common/perspective';
import type { ConfigVersion } from '../configuration/configuration.store';
import type { TargetKey, TargetSettings } from '../configuration/settings';
import type { ProgrammeInputs } from './inputs';
import { type Measurement, measure, yearBefore } from './measures';
import { forecastFor, statusOf, trajectoryAt } from './trajectory';

export const FORECAST_METHOD = methodNote('target.forecast_method', {});

const DECIMALS: Record<string, number> = { '%': 2, 't/yr': 3, 'kopecks/yr': 0 };

function text(value: Decimal | null, unit: string): string | null {
  return value === null ? null : value.toDecimalPlaces(DECIMALS[unit] ?? 2).toFixed();
}

const monthText = (month: string) => month.slice(0, 7);

export interface TargetFigure {
  key: TargetKey;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  asOf: string;
  knowledge: Perspective['knowledge'];
  window: { from: string; to: string };
  current: string | null;
  baseline: { year: number; value: string | null; measured: boolean };
  target: { year: number; value: string };
  trajectory: string | null;
  gap: string | null;
  /** How far behind the trajectory, as a share of the whole planned change (negative: ahead). */
  shortfall: string | null;
  forecast: { year: number; value: string | null; method: MethodNote<'target.forecast_method'> };
  status: TargetStatus;
  notes: MethodNote[];
  configuration: { version: number; effectiveFrom: string; recordedAt: string; recordedBy: string; source: string };
}

/** The windows a set of targets needs on some days: two trailing years up to each day, and the baseline years. */
export function windowsNeeded(settings: TargetSettings[], days: string[]): MonthWindow[] {
  return [
    ...days.flatMap((day) => [trailingYear(day), trailingYear(yearBefore(day))]),
    ...settings.map((s) => calendarYear(s.baselineYear)),
  ];
}

export function targetFigure(
  key: TargetKey,
  config: ConfigVersion<TargetSettings>,
  inputs: ProgrammeInputs,
  perspective: Perspective,
): TargetFigure {
  const settings = config.value;
  const { asOf } = perspective;
  const window = trailingYear(asOf);
  const current = measure(key, inputs, window, { asOf, baselineYear: settings.baselineYear });
  const yearAgoDay = yearBefore(asOf);
  const yearAgo = measure(key, inputs, trailingYear(yearAgoDay), {
    asOf: yearAgoDay,
    baselineYear: settings.baselineYear,
  });
  const measuredBaseline = settings.baselineValue === null;
  const baselineMeasure = measuredBaseline
    ? measure(key, inputs, calendarYear(settings.baselineYear), {
        asOf: `${settings.baselineYear}-12-31`,
        baselineYear: settings.baselineYear,
      })
    : null;
  const baseline = baselineMeasure
    ? (baselineMeasure.value ?? new Decimal(0))
    : new Decimal(settings.baselineValue as string);
  // The trajectory then starts from zero: said beside the status it sets, so that nobody reads it as measured.
  const baselineNotes = baselineMeasure ? unmeasuredBaselineNotes(baselineMeasure, settings.baselineYear) : [];
  const trajectory = trajectoryAt(settings, baseline, asOf);
  const { status, shortfall } = statusOf(settings, baseline, trajectory, current.value);
  return {
    key,
    name: settings.name,
    unit: settings.unit,
    direction: settings.direction,
    asOf,
    knowledge: perspective.knowledge,
    window: { from: monthText(window.from), to: monthText(window.to) },
    current: text(current.value, settings.unit),
    baseline: { year: settings.baselineYear, value: text(baseline, settings.unit), measured: measuredBaseline },
    target: { year: settings.targetYear, value: settings.targetValue },
    trajectory: text(trajectory, settings.unit),
    gap: current.value === null ? null : text(current.value.minus(trajectory), settings.unit),
    shortfall: shortfall === null ? null : shortfall.toDecimalPlaces(4).toFixed(),
    forecast: {
      year: settings.targetYear,
      value: text(forecastFor(settings, current.value, yearAgo.value, asOf), settings.unit),
      method: FORECAST_METHOD,
    },
    status,
    notes: [...current.notes, ...baselineNotes],
    configuration: {
      version: config.version,
      effectiveFrom: config.effectiveFrom,
      recordedAt: config.recordedAt,
      recordedBy: config.recordedBy,
      source: settings.source,
    },
  };
}

function unmeasuredBaselineNotes(baseline: Measurement, year: number): MethodNote[] {
  if (!baseline.observed) return [methodNote('target.baseline_unobserved', { year })];
  if (baseline.withheld) return [methodNote('target.baseline_withheld', { year, withheld: baseline.withheld })];
  return [];
}

/** Month ends from one month (`2026-01`) to another, inclusive. */
export function monthEnds(from: string, to: string): string[] {
  return monthsIn({ from: `${from}-01`, to: `${to}-01` }).map(lastDayOf);
}
