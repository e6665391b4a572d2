import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import {
  CompanyRegistered,
  DepositRegistered,
  type EventDefinition,
  FacilityRegistered,
  LicenceIssued,
  ProductAdded,
  type TonnageClass,
} from '@redmet/contracts';
import { sampleEvent, samplePayload } from '@redmet/contracts/testing';

/**
 * Registry events published straight to Kafka, as deposit-registry publishes
 * them: seeds the read models of the services a benchmark runs without
 * running the registry (thousands of sites in seconds instead of API calls).
 */
export class RegistrySeed {
  private readonly byTopic = new Map<string, Message[]>();
  /** Events added so far, by type: what a benchmark waits to see in a read model. */
  readonly counts = new Map<string, number>();

  company(companyId: string): this {
    return this.add(CompanyRegistered, companyId, { companyId });
  }

  product(code: string, tonnageClass: TonnageClass = 'large'): this {
    return this.add(ProductAdded, code, { code, tonnageClass });
  }

  /** A plant in operation since `since`, run by `companyId`. */
  facility(facilityId: string, companyId: string, since: string, productCodes?: string[]): this {
    return this.add(FacilityRegistered, facilityId, {
      facilityId,
      name: `Bench plant ${facilityId.slice(0, 8)}`,
      operatorCompanyId: companyId,
      status: 'commissioned',
      statusSince: since,
      commissionedOn: since,
      // Without a list, one that holds it to no product (the sample's lists rare-earth oxides only).
      productCodes: productCodes ?? [],
    });
  }

  /** A deposit of the seeded products' metal and an active licence for it held by `companyId` from `since`. */
  licensedDeposit(depositId: string, companyId: string, since: string): this {
    this.add(DepositRegistered, depositId, { depositId, metals: samplePayload(ProductAdded).elements });
    const licenceId = randomUUID();
    return this.add(LicenceIssued, licenceId, {
      licenceId,
      holderCompanyId: companyId,
      depositId,
      validFrom: since,
      statusSince: since,
      validTo: '2040-12-31',
    });
  }

  async publish(producer: Producer): Promise<void> {
    for (const [topic, messages] of this.byTopic) {
      for (let i = 0; i < messages.length; i += 500) {
        await producer.send({ topic, messages: messages.slice(i, i + 500) });
      }
    }
    this.byTopic.clear();
  }

  private add<P extends object>(definition: EventDefinition<P>, key: string, payload: Partial<P>): this {
    const event = {
      ...sampleEvent(definition),
      eventId: randomUUID(),
      aggregateId: key,
      payload: { ...samplePayload(definition), ...payload },
    };
    const messages = this.byTopic.get(definition.topic.name) ?? [];
    messages.push({ key, value: JSON.stringify(event) });
    this.byTopic.set(definition.topic.name, messages);
    this.counts.set(definition.type, (this.counts.get(definition.type) ?? 0) + 1);
    return this;
  }
}
