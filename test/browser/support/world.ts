import { randomInt, randomUUID } from 'node:crypto';
import { isValidInn, type Role } from '@redmet/contracts';
import { addDays } from '@redmet/platform';
import { serviceToday, waitFor } from '@redmet/testing';
import type { Platform } from '../../system/support/platform';

export const PASSWORD = 'browser-test-password';

export interface Producer {
  username: string;
  userId: string;
  companyId: string;
  depositId: string;
  depositName: string;
}

function randomInn(): string {
  for (;;) {
    const stem = String(randomInt(1_000_000_000)).padStart(9, '0');
    for (let check = 0; check <= 9; check += 1) if (isValidInn(`${stem}${check}`)) return `${stem}${check}`;
  }
}

/** The last quarter that is over: what a producer reports and claims for. */
export function lastQuarter(now = new Date()): string {
  const quarter = Math.floor(now.getUTCMonth() / 3);
  return quarter === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${quarter}`;
}

/** The quarter `count` quarters before `quarter` (`2026-Q3`, 2 → `2026-Q1`). */
export function quarterBefore(quarter: string, count: number): string {
  const index = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1 - count;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/**
 * What the browser tests need in place, made through the platform's own APIs
 * (behind the gateway) with the harness's test key: accounts that log in at
 * the gateway, and registry data the other services learn from Kafka.
 */
export class ConsoleWorld {
  constructor(private readonly platform: Platform) {}

  async call<T>(
    method: string,
    path: string,
    body: unknown,
    claims: { roles: Role[]; companyId?: string; userId?: string; name?: string },
  ): Promise<T> {
    const response = await fetch(`${this.platform.gatewayUrl}${path}`, {
      method,
      headers: { authorization: await this.platform.auth.bearer(claims), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** An account that signs in at the gateway with PASSWORD; returns its user id. */
  async user(username: string, roles: Role[], companyId?: string): Promise<string> {
    const created = await this.call<{ id: string }>(
      'POST',
      '/api/users',
      { username, displayName: username, password: PASSWORD, roles, companyId },
      { roles: ['admin'] },
    );
    return created.id;
  }

  registry<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.call<T>(method, `/api/registry${path}`, body, { roles: ['registry_admin'] });
  }

  /** A catalogue product (codes are per run: every platform has a fresh registry). */
  async product(code: string, tonnageClass: 'large' | 'small', hsCode: string, name: string): Promise<void> {
    await this.registry('POST', '/products', {
      code,
      name,
      elements: tonnageClass === 'large' ? ['Nb'] : ['Nd'],
      tonnageClass,
      hsCode,
      unit: 't',
      metalContentBasis: 't metal contained',
    });
  }

  /** A company with a producing deposit under a production licence, and a producer account for it. */
  async producer(prefix: string): Promise<Producer> {
    const company = await this.registry<{ id: string }>('POST', '/companies', {
      legalName: `${prefix} Mining LLC`,
      inn: randomInn(),
      region: 'Murmansk Oblast',
    });
    const depositName = `${prefix} deposit`;
    const deposit = await this.registry<{ id: string }>('POST', '/deposits', {
      name: depositName,
      region: 'Murmansk Oblast',
      latitude: 67.85,
      longitude: 34.67,
      metals: ['REE', 'Nb', 'Ta'],
      status: 'producing',
    });
    await this.registry('POST', '/licences', {
      number: `MUR ${randomInt(100000)} TE ${prefix}`,
      holderCompanyId: company.id,
      depositId: deposit.id,
      type: 'production',
      validFrom: '2020-01-01',
      validTo: '2045-12-31',
    });
    const username = `${prefix.toLowerCase()}.producer`;
    const userId = await this.user(username, ['producer'], company.id);
    return { username, userId, companyId: company.id, depositId: deposit.id, depositName };
  }

  /** Another deposit of the producer's company whose licence ends in `days` days. */
  async expiringLicence(producer: Producer, name: string, days: number): Promise<void> {
    const deposit = await this.registry<{ id: string }>('POST', '/deposits', {
      name,
      region: 'Republic of Buryatia',
      latitude: 51.68,
      longitude: 109.57,
      metals: ['Be'],
      status: 'development',
    });
    const validTo = addDays(serviceToday(), days);
    await this.registry('POST', '/licences', {
      number: `BUR ${randomInt(100000)} TR`,
      holderCompanyId: producer.companyId,
      depositId: deposit.id,
      type: 'exploration',
      validFrom: '2021-01-01',
      validTo,
    });
  }

  /**
   * Files a report as the producer would (through the reporting API) and waits
   * until it is accepted: it waits (pending) while the reporting service has
   * not yet learnt the registry's data from Kafka.
   */
  async acceptedReport(
    producer: Producer,
    period: string,
    productCode: string,
    quantity: string,
    metal: string,
  ): Promise<string> {
    const claims = {
      roles: ['producer'] as Role[],
      companyId: producer.companyId,
      userId: producer.userId,
      name: producer.username,
    };
    const line = {
      productCode,
      quantity,
      unit: 't',
      metalContentTonnes: metal,
      domesticShipments: quantity,
      exports: '0',
    };
    const filing = await this.call<{ reportId: string }>(
      'POST',
      '/api/reporting/reports',
      { depositId: producer.depositId, period, submit: true, lines: [line] },
      claims,
    );
    const decided = await waitFor(
      async () => {
        const report = await this.call<{ state: string; latest: { reasons: { message: string }[] } }>(
          'GET',
          `/api/reporting/reports/${filing.reportId}`,
          undefined,
          claims,
        );
        // Thrown rather than returned so that a timeout names what the report still waits for.
        if (report.state === 'pending') throw new Error(`pending: ${reasonsOf(report)}`);
        return report;
      },
      // The broker is shared with other test runs: a busy one delays the registry's events by a minute or more.
      { timeoutMs: 120_000, intervalMs: 500, description: `report ${filing.reportId} to be decided` },
    );
    if (decided.state !== 'accepted') {
      throw new Error(`report ${filing.reportId} was ${decided.state}: ${reasonsOf(decided)}`);
    }
    return filing.reportId;
  }

  /**
   * A submitted claim of `producer` for `period` relying on `reportId`: one
   * processing cost of `costKopecks` (compensated at the programme's rate).
   */
  /**
   * Waits until the subsidy service finds `claimId` eligible: it learns of
   * the accepted report from Kafka. When the year's claims have closed (after
   * 1 December), the programme first gets a version with a later cutoff, as an
   * administrator would.
   */
  async awaitEligible(producer: Producer, claimId: string, period: string): Promise<void> {
    const eligibility = () =>
      this.call<{ eligible: boolean; failures: { code: string }[] }>(
        'GET',
        `/api/subsidy/claims/${claimId}/eligibility`,
        undefined,
        producerClaims(producer),
      );
    if ((await eligibility()).failures.some((failure) => failure.code === 'CLAIM.AFTER_CUTOFF')) {
      const today = serviceToday();
      const cutoff = addDays(today, 30);
      await this.call(
        'POST',
        `/api/subsidy/programmes/${period.slice(0, 4)}/versions`,
        { effectiveFrom: today, reason: 'Browser test: claims kept open', claimCutoff: cutoff },
        { roles: ['admin'] },
      );
    }
    await waitFor(async () => (await eligibility()).eligible, {
      timeoutMs: 60_000,
      intervalMs: 500,
      description: `claim ${claimId} to be eligible`,
    });
  }

  /** An officer takes a submitted claim and returns it to the producer for what is `missing`. */
  async returnedClaim(claimId: string, reason: string, missing: string[]): Promise<void> {
    const officer = { roles: ['subsidy_officer'] as Role[], userId: randomUUID(), name: 'officer.returns' };
    await this.call('POST', `/api/subsidy/claims/${claimId}/take`, undefined, officer);
    await this.call('POST', `/api/subsidy/claims/${claimId}/return`, { reason, missing }, officer);
  }

  /** Waits until target-monitoring counts the company's output (it learns of accepted reports from Kafka). */
  async monitoringCounts(producer: Producer, from: string, to: string): Promise<void> {
    const query = new URLSearchParams({ groupBy: 'company', companyId: producer.companyId, from, to });
    await waitFor(
      async () =>
        (
          await this.call<{ rows: unknown[] }>('GET', `/api/monitoring/output?${query.toString()}`, undefined, {
            roles: ['ministry_analyst'],
          })
        ).rows.length > 0,
      { timeoutMs: 90_000, intervalMs: 1000, description: `monitoring to count ${producer.username}'s output` },
    );
  }

  async submittedClaim(producer: Producer, period: string, reportId: string, costKopecks: string): Promise<string> {
    const claims = {
      roles: ['producer'] as Role[],
      companyId: producer.companyId,
      userId: producer.userId,
      name: producer.username,
    };
    const claim = await this.call<{ id: string }>(
      'POST',
      '/api/subsidy/claims',
      {
        period,
        reportIds: [reportId],
        noTaxArrears: true,
        notInLiquidation: true,
        annualRevenueKopecks: '100000000000',
        lines: [
          {
            basis: 'cost',
            category: 'processing',
            description: 'Reagents for the separation line',
            amountKopecks: costKopecks,
            documentNumber: `INV-${reportId.slice(0, 8)}`,
          },
        ],
      },
      claims,
    );
    await this.awaitEligible(producer, claim.id, period);
    await this.call('POST', `/api/subsidy/claims/${claim.id}/submit`, undefined, claims);
    return claim.id;
  }
}

/** Claims of a producer's token, as the console's would carry. */
function reasonsOf(report: { latest: { reasons: { message: string }[] } }): string {
  return report.latest.reasons.map((reason) => reason.message).join('; ') || 'no reasons given';
}

function producerClaims(producer: Producer) {
  return {
    roles: ['producer'] as Role[],
    companyId: producer.companyId,
    userId: producer.userId,
    name: producer.username,
  };
}

/** A short tag that keeps one run's names apart from another's. */
export function runTag(): string {
  return randomUUID().slice(0, 6).toUpperCase();
}

/** A quarter as the Russian console writes it (`2026-Q3` → `3 кв. 2026`). */
export function quarterLabel(quarter: string): string {
  return `${quarter.slice(6)} кв. ${quarter.slice(0, 4)}`;
}

/** A CSV file for a file input. */
export function csvFile(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) };
}
