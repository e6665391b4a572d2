import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CompanyRegistered,
  type CompanySnapshot,
  DepositRegistered,
  type DepositSnapshot,
  type EventDefinition,
  type EventEnvelope,
  FacilityRegistered,
  type FacilitySnapshot,
  LicenceIssued,
  type LicenceSnapshot,
  type LicenceStatusChangePayload,
  ProductAdded,
  type ProductSnapshot,
} from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { testKafka, waitFor } from '@redmet/testing';
import { PendingReportsListener } from '../../src/pending/pending-reports.listener';
import type { ReportingTestApp } from './reporting-app';

/** A product code no other test uses, so files sharing the broker never collide. */
export function productCode(stem = 'LI-CARBONATE'): string {
  return `${stem}-T${randomUUID().slice(0, 6).toUpperCase()}`;
}

/** A product written straight into the read model, as its consumer stores it, in the caller's transaction. */
export function insertProduct(manager: { query: DataSource['query'] }, code: string): Promise<unknown> {
  return manager.query(
    `INSERT INTO registry_product (code, name, elements, tonnage_class, hs_code, unit, metal_content_basis, version)
       VALUES ($1, 'Lithium carbonate', '{Li}', 'large', '2836.91', 't', 't Li contained', 1)`,
    [code],
  );
}

/**
 * A product arriving as the registry view's consumer stores it: the row, and the pending reports it
 * decides, in the caller's transaction (which the test holds open to race something against it).
 */
export async function storeProductArrival(
  reporting: ReportingTestApp,
  manager: EntityManager,
  code: string,
): Promise<void> {
  await insertProduct(manager, code);
  await reporting.app.get(PendingReportsListener).registryChanged(
    {
      aggregate: 'product',
      id: code,
      eventType: ProductAdded.type,
      version: 1,
      latest: true,
      occurredAt: new Date().toISOString(),
      snapshot: { ...sampleEvent(ProductAdded).payload, code },
    },
    manager,
  );
}

/**
 * The deposit registry as the service sees it: its events, published to Kafka
 * the way its outbox relay does (built from the contract samples, fresh ids).
 */
export class RegistryEvents {
  private constructor(
    private readonly producer: Producer,
    private readonly reporting: ReportingTestApp,
  ) {}

  static async connect(reporting: ReportingTestApp): Promise<RegistryEvents> {
    const producer = testKafka('reporting-test-registry').producer();
    await producer.connect();
    return new RegistryEvents(producer, reporting);
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish<P extends object>(
    definition: EventDefinition<P>,
    aggregateId: string,
    payload: P,
    eventId: string = randomUUID(),
  ): Promise<EventEnvelope<P>> {
    const event = { ...sampleEvent(definition), eventId, aggregateId, payload };
    await this.producer.send({
      topic: definition.topic.name,
      messages: [{ key: aggregateId, value: JSON.stringify(event) }],
    });
    return event;
  }

  async company(overrides: Partial<CompanySnapshot> = {}): Promise<CompanySnapshot> {
    const company = { ...sampleEvent(CompanyRegistered).payload, companyId: randomUUID(), ...overrides };
    await this.publish(CompanyRegistered, company.companyId, company);
    return company;
  }

  /** A lithium deposit unless told otherwise: it yields the default product (the sample's LI-CARBONATE). */
  async deposit(overrides: Partial<DepositSnapshot> = {}): Promise<DepositSnapshot> {
    const sample = sampleEvent(DepositRegistered).payload;
    const deposit: DepositSnapshot = { ...sample, depositId: randomUUID(), metals: ['Li'], ...overrides };
    await this.publish(DepositRegistered, deposit.depositId, deposit);
    return deposit;
  }

  async licence(holderCompanyId: string, depositId: string, overrides: Partial<LicenceSnapshot> = {}) {
    const licence: LicenceSnapshot = {
      ...sampleEvent(LicenceIssued).payload,
      licenceId: randomUUID(),
      holderCompanyId,
      depositId,
      validFrom: '2020-01-01',
      statusSince: '2020-01-01',
      validTo: '2045-12-31',
      ...overrides,
    };
    await this.publish(LicenceIssued, licence.licenceId, licence);
    return licence;
  }

  /** A status change of `licence` as the registry publishes it, one version on. */
  statusChange(
    licence: LicenceSnapshot,
    change: Pick<LicenceStatusChangePayload, 'status' | 'statusSince' | 'version'>,
  ): LicenceStatusChangePayload {
    return { ...licence, ...change, previousStatus: licence.status, reason: 'Order of the subsoil agency' };
  }

  async facility(operatorCompanyId: string, overrides: Partial<FacilitySnapshot> = {}): Promise<FacilitySnapshot> {
    const facility: FacilitySnapshot = {
      ...sampleEvent(FacilityRegistered).payload,
      facilityId: randomUUID(),
      operatorCompanyId,
      status: 'commissioned',
      statusSince: '2015-01-01',
      commissionedOn: '2015-01-01',
      ...overrides,
    };
    await this.publish(FacilityRegistered, facility.facilityId, facility);
    return facility;
  }

  async product(overrides: Partial<ProductSnapshot> = {}): Promise<ProductSnapshot> {
    const product = { ...sampleEvent(ProductAdded).payload, code: productCode(), ...overrides };
    await this.publish(ProductAdded, product.code, product);
    return product;
  }

  /** Waits until the service's read model holds the row `id` in `table` at `version` or later. */
  async seen(table: 'company' | 'deposit' | 'facility' | 'licence' | 'product', id: string, version = 1) {
    const key = table === 'product' ? 'code' : `${table}_id`;
    const dataSource = this.reporting.app.get(DataSource);
    await waitFor(
      async () => {
        const rows = await dataSource.query(`SELECT version FROM registry_${table} WHERE ${key} = $1`, [id]);
        return rows[0]?.version >= version;
      },
      { description: `registry_${table} ${id} v${version} in the read model` },
    );
  }
}
