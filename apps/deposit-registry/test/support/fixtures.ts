import { randomInt, randomUUID } from 'node:crypto';
import { isValidInn } from '@redmet/contracts';
import { isValidOgrn } from '@redmet/contracts';
import type { RegistryTestApp } from './registry-app';

/** A fresh organisation INN with valid check digits, so tests never collide. */
export function randomInn(): string {
  for (;;) {
    const stem = String(randomInt(1_000_000_000)).padStart(9, '0');
    for (let check = 0; check <= 9; check += 1) if (isValidInn(`${stem}${check}`)) return `${stem}${check}`;
  }
}

/** A fresh 13-digit OGRN whose check digit is right. */
export function randomOgrn(): string {
  const stem = `1${String(randomInt(100_000_000_000)).padStart(11, '0')}`;
  return [...'0123456789'].map((check) => `${stem}${check}`).find(isValidOgrn) as string;
}

export function unique(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

type Body = Record<string, unknown>;

type Created<K extends string = 'id'> = Body & Record<K, string>;

async function created<K extends string = 'id'>(
  registry: RegistryTestApp,
  path: string,
  body: Body,
): Promise<Created<K>> {
  const response = await registry.http().post(path).send(body);
  if (response.status !== 201)
    throw new Error(`POST ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Created<K>;
}

export function createCompany(registry: RegistryTestApp, overrides: Body = {}) {
  return created(registry, '/companies', { legalName: unique('Polar Lithium LLC'), inn: randomInn(), ...overrides });
}

export function createDeposit(registry: RegistryTestApp, overrides: Body = {}) {
  return created(registry, '/deposits', {
    name: unique('Kolmozerskoye'),
    region: 'Murmansk Oblast',
    metals: ['Li', 'Ta', 'Nb', 'Be'],
    status: 'development',
    ...overrides,
  });
}

/** What POST /products takes for a product: lithium carbonate, under a code no other test uses unless given one. */
export function productBody(code = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`) {
  return {
    code,
    name: 'Lithium carbonate',
    elements: ['Li'],
    tonnageClass: 'large',
    hsCode: '2836.91',
    unit: 't',
    metalContentBasis: 't Li contained',
  };
}

export function createProduct(registry: RegistryTestApp, overrides: Body = {}) {
  return created<'code'>(registry, '/products', { ...productBody(), ...overrides });
}

export async function createLicence(registry: RegistryTestApp, overrides: Body = {}) {
  const holderCompanyId = overrides.holderCompanyId ?? (await createCompany(registry)).id;
  const depositId = overrides.depositId ?? (await createDeposit(registry)).id;
  return created(registry, '/licences', {
    number: unique('MUR'),
    holderCompanyId,
    depositId,
    type: 'combined',
    validFrom: '2023-02-21',
    validTo: '2048-02-20',
    ...overrides,
  });
}
