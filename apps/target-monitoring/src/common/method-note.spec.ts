import Decimal from 'decimal.js';
import type { MethodNote } from '@redmet/contracts';
import type { ConfigVersion } from '../configuration/configuration.store';
import { TARGET_KEYS, type TargetSettings } from '../configuration/settings';
import { outputNotes } from '../output/output.service';
import { importDependence, type ShareWithheld, withheldNote } from '../programme/import-dependence';
import { type ProgrammeInputs, type ProductTotal, windowKey } from '../programme/inputs';
import { targetFigure, windowsNeeded } from '../programme/target-figure';
import { EFFECTIVENESS_METHOD } from '../subsidy/effectiveness.service';
import { calendarYear } from './months';
import { METHOD_NOTE_CODES, methodNote } from './method-note';

const asOf = '2026-12-31';
const perspective = { asOf, knowledge: 'now' as const, knownAt: null };

const settings = (baselineYear: number): ConfigVersion<TargetSettings> => ({
  key: 'target',
  version: 1,
  effectiveFrom: '2020-01-01',
  value: {
    name: 'A target',
    unit: '%',
    direction: 'decrease',
    baselineYear,
    baselineValue: null,
    targetYear: 2030,
    targetValue: '48',
    path: [],
    atRiskTolerance: '0.05',
    offTrackTolerance: '0.15',
    source: 'test',
  },
  recordedAt: '2020-01-01T00:00:00.000Z',
  recordedBy: 'test',
  reason: 'test',
});

const made = (productCode: string, tonnageClass: string, quantity: number): ProductTotal => ({
  productCode,
  tonnageClass,
  quantity: new Decimal(quantity),
  metal: new Decimal(quantity),
  exports: new Decimal(0),
});

const traded = (month: string, productCode: string | null, flow: 'import' | 'export', quantity: number) => ({
  month,
  flow,
  hsCode: productCode ? '2836.91' : '2846.90',
  productCode,
  quantity: new Decimal(quantity),
});

/**
 * Output in 2026 only, one product without a reference price; customs figures for two of 2026's months, with
 * more exported than made, and for 2024 alike, so the import share is withheld now and in the baseline year
 * 2024; a product consumed below nothing; figures under a code two products share naming neither; and no figures
 * at all for 2025, the baseline of the other targets.
 */
function inputs(): ProgrammeInputs {
  const windows = windowsNeeded([settings(2024).value, settings(2025).value], [asOf]);
  return {
    output: new Map(
      windows.map((window) => [
        windowKey(window),
        window.to.startsWith('2026') ? [made('LI', 'large', 100), made('ND', 'small', 10)] : [],
      ]),
    ),
    trade: [
      traded('2026-03-01', 'LI', 'import', 300),
      traded('2026-04-01', 'LI', 'export', 250),
      traded('2026-04-01', 'DRAWN', 'export', 40),
      traded('2024-03-01', 'LI', 'import', 300),
      traded('2024-03-01', 'LI', 'export', 250),
      traded('2026-05-01', null, 'import', 900),
    ],
    catalogue: new Map(
      ['ND-OXIDE', 'DY-OXIDE'].map((code) => [code, { code, name: code, hsCode: '2846.90', tonnageClass: 'small' }]),
    ),
    references: new Map([
      ['ND', { referencePriceKopecksPerTonne: '100', metalContentFactor: '1' }],
      ['DRAWN', { referencePriceKopecksPerTonne: null, metalContentFactor: '1' }],
    ]),
    commissioned: [{ commissionedOn: '2025-06-01', closedOn: null, countsFrom: '2025-06-01' }],
  };
}

/** Every note in an answer: the objects with a code and an English text, and the notes of withheld shares. */
function notesIn(answer: unknown): MethodNote[] {
  if (Array.isArray(answer)) return answer.flatMap(notesIn);
  if (!answer || typeof answer !== 'object' || answer instanceof Decimal) return [];
  const here = 'code' in answer && 'text' in answer ? [answer as MethodNote] : [];
  const withheld = 'reason' in answer && 'note' in answer ? [withheldNote(answer as ShareWithheld)] : [];
  return [...here, ...withheld, ...Object.values(answer).flatMap(notesIn)];
}

/** Text meant for people (several words) anywhere in an answer. */
function sentencesIn(answer: unknown): string[] {
  if (typeof answer === 'string') return answer.split(' ').length > 4 ? [answer] : [];
  if (Array.isArray(answer)) return answer.flatMap(sentencesIn);
  if (!answer || typeof answer !== 'object' || answer instanceof Decimal) return [];
  return Object.values(answer).flatMap(sentencesIn);
}

describe('method notes', () => {
  const figures = TARGET_KEYS.flatMap((key) =>
    [2024, 2025].map((year) => targetFigure(key, settings(year), inputs(), perspective)),
  );
  const answers = [
    ...figures,
    importDependence(inputs(), calendarYear(2026)),
    importDependence(inputs(), calendarYear(2025)),
    outputNotes(['element'], 'quarter'),
    outputNotes(['period'], 'year'),
    EFFECTIVENESS_METHOD,
  ];
  const notes = answers.flatMap(notesIn);

  it('gives every note a known code, and parameters that hold all the note says beside its code', () => {
    for (const note of notes) {
      expect(METHOD_NOTE_CODES).toContain(note.code);
      expect(methodNote(note.code, note.params as never)).toEqual(note);
    }
  });

  it('says nothing in English outside a note', () => {
    const texts = new Set(notes.map((note) => note.text));
    expect(answers.flatMap(sentencesIn).filter((sentence) => !texts.has(sentence))).toEqual([]);
  });

  it('produces every code it has words for', () => {
    expect(new Set(notes.map((note) => note.code))).toEqual(new Set(METHOD_NOTE_CODES));
  });
});
