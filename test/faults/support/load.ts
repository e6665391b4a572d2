import { randomInt, randomUUID } from 'node:crypto';
import { isValidInn } from '@redmet/contracts';
import type { Platform } from '../../system/support/platform';
import type { Entry, Ledger, Outcome, RequestKind } from './ledger';

const FIRST_YEAR = 2010;
const LAST_YEAR = 2025;
/** Within the plausibility bound, above every metal figure the load writes. */
const QUANTITY = '90000';

export function randomInn(): string {
  for (;;) {
    const stem = String(randomInt(1_000_000_000)).padStart(9, '0');
    for (let check = 0; check <= 9; check += 1) if (isValidInn(`${stem}${check}`)) return `${stem}${check}`;
  }
}

interface Answer {
  status: number | null;
  outcome: Outcome;
  body: Record<string, unknown>;
  error?: string;
}

/** A request whose answer decides its place in the ledger (see Outcome). */
export async function send(url: string, bearer: string, method: string, body?: unknown): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method,
      headers: { authorization: bearer, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    const parsed = text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: response.status, outcome: response.ok ? 'acknowledged' : 'refused', body: parsed };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    // A refused connection reached no code at all; anything else may have been half-way through.
    return { status: null, outcome: code === 'ECONNREFUSED' ? 'refused' : 'unknown', body: {}, error: code };
  }
}

export interface Site {
  companyId: string;
  siteId: string;
  producer: string;
  nextMonth: number;
}

/** Companies, each operating one commissioned plant, and one product, created through the registry's API. */
export class World {
  readonly sites: Site[] = [];
  productCode = '';
  private admin = '';

  constructor(private readonly platform: Platform) {}

  async create(companies: number): Promise<this> {
    const registry = this.platform.url('deposit-registry');
    this.admin = await this.platform.auth.bearer({ roles: ['registry_admin'], expiresIn: '1h' });
    const created = async (path: string, body: Record<string, unknown>) => {
      const answer = await send(`${registry}${path}`, this.admin, 'POST', body);
      if (answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as { id: string; code: string };
    };
    this.productCode = (
      await created('/products', {
        code: `FAULT-${randomUUID().slice(0, 8).toUpperCase()}`,
        name: 'Lithium carbonate',
        elements: ['Li'],
        tonnageClass: 'large',
        hsCode: '2836.91',
        unit: 't',
        metalContentBasis: 't Li contained',
      })
    ).code;
    for (let index = 0; index < companies; index += 1) {
      const company = await created('/companies', { legalName: `Fault Lithium ${index} LLC`, inn: randomInn() });
      const facility = await created('/facilities', {
        name: `Fault plant ${index} ${randomUUID().slice(0, 6)}`,
        operatorCompanyId: company.id,
        region: 'Murmansk Oblast',
        productCodes: [this.productCode],
        status: 'commissioned',
        statusSince: `${FIRST_YEAR - 1}-01-01`,
      });
      this.sites.push({
        companyId: company.id,
        siteId: facility.id,
        producer: await this.platform.auth.bearer({
          roles: ['producer'],
          companyId: company.id,
          name: 'A. Petrova, chief engineer',
          expiresIn: '1h',
        }),
        nextMonth: 0,
      });
    }
    return this;
  }

  get registryAdmin(): string {
    return this.admin;
  }

  /** A site and month no other request uses, so whatever is stored there belongs to one request. */
  nextSlot(sequence: number): { site: Site; period: string } {
    const site = this.sites[sequence % this.sites.length];
    const month = site.nextMonth;
    site.nextMonth += 1;
    const year = FIRST_YEAR + Math.floor(month / 12);
    if (year > LAST_YEAR) throw new Error('the load ran out of site months; use more companies');
    return { site, period: `${year}-${String((month % 12) + 1).padStart(2, '0')}` };
  }
}

export function reportLine(productCode: string, metal: string) {
  return {
    productCode,
    quantity: QUANTITY,
    unit: 't',
    metalContentTonnes: metal,
    domesticShipments: '1000',
    exports: '200',
  };
}

interface Amendable {
  reportId: string;
  site: Site;
  period: string;
}

export interface LoadOptions {
  scenario: string;
  workers?: number;
  /** Also register companies in the registry, one in ten requests. */
  registryWrites?: boolean;
}

/**
 * Producers filing reports and amendments at production-reporting (and, when
 * asked, an administrator registering companies) from a few concurrent
 * workers, each request recorded in the ledger with its answer.
 */
export class Load {
  private stopped = false;
  private workers: Promise<void>[] = [];
  private readonly amendable: Amendable[] = [];
  private static sequence = 0;

  constructor(
    private readonly platform: Platform,
    private readonly world: World,
    private readonly ledger: Ledger,
    private readonly options: LoadOptions,
  ) {}

  start(): this {
    this.workers = Array.from({ length: this.options.workers ?? 4 }, () => this.work());
    return this;
  }

  acknowledged(kind?: RequestKind): number {
    return this.ledger
      .of(this.options.scenario)
      .filter((entry) => entry.outcome === 'acknowledged' && (!kind || entry.kind === kind)).length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      Load.sequence += 1;
      const sequence = Load.sequence;
      const step = sequence % 10;
      let entry: Entry;
      if (step === 0) entry = await this.invalidReport(sequence);
      else if (step === 5 && this.options.registryWrites) entry = await this.company();
      else if ((step === 3 || step === 7) && this.amendable.length > 0) entry = await this.amendment(sequence);
      else entry = await this.report(sequence);
      // Producers pause between filings (and back off a little more from a service that is down).
      await new Promise((resolve) => setTimeout(resolve, entry.status === null ? 250 : 100));
    }
  }

  private metal(sequence: number): string {
    return `${sequence}.5`;
  }

  private async report(sequence: number): Promise<Entry> {
    const { site, period } = this.world.nextSlot(sequence);
    const metal = this.metal(sequence);
    const answer = await send(`${this.platform.url('production-reporting')}/reports`, site.producer, 'POST', {
      facilityId: site.siteId,
      period,
      lines: [reportLine(this.world.productCode, metal)],
      submit: true,
    });
    const entry = this.recordReport('report', answer, site.siteId, period, metal);
    if (answer.outcome === 'acknowledged') this.amendable.push({ reportId: entry.reportId ?? '', site, period });
    return entry;
  }

  /** A quantity below zero: refused with 400, and must leave nothing anywhere. */
  private async invalidReport(sequence: number): Promise<Entry> {
    const { site, period } = this.world.nextSlot(sequence);
    const metal = this.metal(sequence);
    const answer = await send(`${this.platform.url('production-reporting')}/reports`, site.producer, 'POST', {
      facilityId: site.siteId,
      period,
      lines: [{ ...reportLine(this.world.productCode, metal), quantity: '-5' }],
      submit: true,
    });
    return this.recordReport('invalid-report', answer, site.siteId, period, metal);
  }

  /** An amendment replaces the figures; one at a time per report, and none after an unknown outcome. */
  private async amendment(sequence: number): Promise<Entry> {
    const target = this.amendable.splice(randomInt(this.amendable.length), 1)[0];
    const metal = this.metal(sequence);
    const answer = await send(
      `${this.platform.url('production-reporting')}/reports/${target.reportId}/amendments`,
      target.site.producer,
      'POST',
      { lines: [reportLine(this.world.productCode, metal)], amendmentReason: 'Assay corrected after a recheck' },
    );
    const entry = this.recordReport('amendment', answer, target.site.siteId, target.period, metal);
    entry.reportId = target.reportId;
    if (answer.outcome !== 'unknown') this.amendable.push(target);
    return entry;
  }

  private async company(): Promise<Entry> {
    const inn = randomInn();
    const answer = await send(`${this.platform.url('deposit-registry')}/companies`, this.world.registryAdmin, 'POST', {
      legalName: `Load Tantalum ${inn} LLC`,
      inn,
    });
    return this.ledger.record({
      scenario: this.options.scenario,
      kind: 'company',
      outcome: answer.outcome,
      status: answer.status,
      inn,
      companyId: answer.body.id as string | undefined,
      error: answer.error,
    });
  }

  private recordReport(kind: RequestKind, answer: Answer, siteId: string, period: string, metal: string): Entry {
    return this.ledger.record({
      scenario: this.options.scenario,
      kind,
      outcome: answer.outcome,
      status: answer.status,
      siteId,
      period,
      metal,
      reportId: answer.body.reportId as string | undefined,
      version: answer.body.version as number | undefined,
      state: answer.body.state as string | undefined,
      error: answer.error,
    });
  }
}
