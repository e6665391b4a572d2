import { IsIn, Matches } from 'class-validator';
import { TONNAGE_CLASSES } from '../vocabulary/registry';

/** `REE` (mixed rare earths, when a product is not split into individual elements) and the rare earths it stands for. */
export const RARE_EARTHS = [
  'REE',
  'Sc',
  'Y',
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Sm',
  'Eu',
  'Gd',
  'Tb',
  'Dy',
  'Ho',
  'Er',
  'Tm',
  'Yb',
  'Lu',
] as const;

/** Chemical elements the industry reports on. */
export const ELEMENTS = [
  ...RARE_EARTHS,
  'Li',
  'Be',
  'Nb',
  'Ta',
  'Zr',
  'Hf',
  'Ti',
  'V',
  'W',
  'Mo',
  'Ge',
  'Ga',
  'In',
  'Re',
  'Cs',
  'Rb',
] as const;
export type ElementSymbol = (typeof ELEMENTS)[number];

export function IsElementSymbol(options: { each?: boolean } = {}): PropertyDecorator {
  return IsIn(ELEMENTS, { ...options, message: `$property must be element symbols from: ${ELEMENTS.join(', ')}` });
}

export function IsTonnageClass(): PropertyDecorator {
  return IsIn(TONNAGE_CLASSES, { message: '$property must be "large" or "small"' });
}

/** Catalogue code of a critical product, e.g. `LI-CARBONATE`, `ND-OXIDE`. */
export const PRODUCT_CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

export function IsProductCode(options: { each?: boolean } = {}): PropertyDecorator {
  return Matches(PRODUCT_CODE_PATTERN, {
    ...options,
    message: '$property must be a product code of capital letters, digits and dashes, e.g. LI-CARBONATE',
  });
}

/** HS / EAEU TN VED code at 4, 6 or 8 digits, dotted after the heading: `2846.90`, `8112.92`, `2614`. */
export const HS_CODE_PATTERN = /^\d{4}(\.\d{2}){0,2}$/;

/** The same, in a chapter the tariff has (01–97; 77 is reserved) and a heading after `00`. */
export const TARIFF_HS_CODE_PATTERN = /^(0[1-9]|[1-6]\d|7[0-689]|8\d|9[0-7])(0[1-9]|[1-9]\d)(\.\d{2}){0,2}$/;

/**
 * What people type is held to the tariff's chapters; events only to the shape, so a catalogue entry
 * published before the chapters were checked still reads (tolerant reader) instead of dead-lettering.
 */
export function IsHsCode(options: { shapeOnly?: boolean } = {}): PropertyDecorator {
  return Matches(options.shapeOnly ? HS_CODE_PATTERN : TARIFF_HS_CODE_PATTERN, {
    message: '$property must be an HS code of the tariff (chapters 01–97, not 77) such as 2846.90 or 2614',
  });
}
