import { Controller, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import {
  CompanyRegistered,
  type CompanySnapshot,
  CompanyUpdated,
  DepositRegistered,
  type DepositSnapshot,
  DepositUpdated,
  type EventDefinition,
  type EventEnvelope,
  FacilityOperatorChanged,
  FacilityRegistered,
  type FacilitySnapshot,
  FacilityStatusChanged,
  FacilityUpdated,
  LicenceAmended,
  LicenceExpired,
  LicenceExpiring,
  LicenceIssued,
  LicenceReinstated,
  LicenceRevoked,
  type LicenceSnapshot,
  LicenceSuspended,
  ProductAdded,
  type ProductSnapshot,
  ProductUpdated,
  TOPICS,
} from '@redmet/contracts';
import { ConsumeTopic, EventConsumer, on, type EventBinding } from '@redmet/messaging';
import {
  REGISTRY_CHANGE_LISTENER,
  type RegistryAggregate,
  type RegistryChange,
  type RegistryChangeListener,
  type RegistrySnapshots,
  type ChangeOf,
} from './registry-change';
import { upsertLatest } from './upsert-latest';

type Apply<P extends object> = (payload: P, manager: EntityManager) => Promise<boolean>;

/** Keeps the service's registry read model from the registry's five topics. */
@Controller()
export class RegistryViewConsumer implements OnApplicationBootstrap {
  private listeners: RegistryChangeListener[] = [];

  constructor(
    private readonly consumer: EventConsumer,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.listeners = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(REGISTRY_CHANGE_LISTENER, wrapper.metatype))
      .map((wrapper) => wrapper.instance as RegistryChangeListener);
  }

  @ConsumeTopic(TOPICS.registryCompany)
  onCompany(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.bindings('company', [CompanyRegistered, CompanyUpdated], saveCompany));
  }

  @ConsumeTopic(TOPICS.registryDeposit)
  onDeposit(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.bindings('deposit', [DepositRegistered, DepositUpdated], saveDeposit));
  }

  @ConsumeTopic(TOPICS.registryLicence)
  onLicence(@Ctx() context: KafkaContext): Promise<void> {
    const changes = [
      LicenceIssued,
      LicenceAmended,
      LicenceSuspended,
      LicenceReinstated,
      LicenceRevoked,
      LicenceExpired,
    ];
    return this.consumer.consume(context, [
      ...this.bindings('licence', changes, saveLicence),
      // A notice, not a change: the licence is as it was.
      ...this.bindings('licence', [LicenceExpiring], async () => false),
    ]);
  }

  @ConsumeTopic(TOPICS.registryFacility)
  onFacility(@Ctx() context: KafkaContext): Promise<void> {
    const changes = [FacilityRegistered, FacilityUpdated, FacilityStatusChanged, FacilityOperatorChanged];
    return this.consumer.consume(context, this.bindings('facility', changes, saveFacility));
  }

  @ConsumeTopic(TOPICS.registryProduct)
  onProduct(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.bindings('product', [ProductAdded, ProductUpdated], saveProduct));
  }

  private bindings<A extends RegistryAggregate>(
    aggregate: A,
    definitions: EventDefinition<RegistrySnapshots[A]>[],
    apply: Apply<RegistrySnapshots[A]>,
  ): EventBinding[] {
    return definitions.map((definition) =>
      on(definition, async (event: EventEnvelope<RegistrySnapshots[A]>, manager) => {
        const latest = await apply(event.payload, manager);
        const change = {
          aggregate,
          id: event.aggregateId,
          eventType: event.type,
          version: event.payload.version,
          latest,
          occurredAt: event.occurredAt,
          snapshot: event.payload,
        } as ChangeOf<A> as RegistryChange;
        for (const listener of this.listeners) await listener.registryChanged(change, manager);
      }),
    ) as EventBinding[];
  }
}

function saveCompany(company: CompanySnapshot, manager: EntityManager): Promise<boolean> {
  return upsertLatest(manager, 'registry_company', 'company_id', {
    company_id: company.companyId,
    legal_name: company.legalName,
    inn: company.inn,
    region: company.region ?? null,
    status: company.status,
    version: company.version,
  });
}

function saveDeposit(deposit: DepositSnapshot, manager: EntityManager): Promise<boolean> {
  return upsertLatest(manager, 'registry_deposit', 'deposit_id', {
    deposit_id: deposit.depositId,
    name: deposit.name,
    region: deposit.region,
    metals: deposit.metals,
    status: deposit.status,
    version: deposit.version,
  });
}

async function saveLicence(licence: LicenceSnapshot, manager: EntityManager): Promise<boolean> {
  await manager.query(
    `INSERT INTO registry_licence_status (licence_id, version, status, status_since, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [licence.licenceId, licence.version, licence.status, licence.statusSince, licence.validFrom, licence.validTo],
  );
  return upsertLatest(manager, 'registry_licence', 'licence_id', {
    licence_id: licence.licenceId,
    number: licence.number,
    holder_company_id: licence.holderCompanyId,
    deposit_id: licence.depositId,
    type: licence.type,
    valid_from: licence.validFrom,
    valid_to: licence.validTo,
    status: licence.status,
    status_since: licence.statusSince,
    version: licence.version,
  });
}

function saveFacility(facility: FacilitySnapshot, manager: EntityManager): Promise<boolean> {
  return upsertLatest(manager, 'registry_facility', 'facility_id', {
    facility_id: facility.facilityId,
    name: facility.name,
    operator_company_id: facility.operatorCompanyId,
    // Who ran the plant when, not who recorded the hand-over: authors are the registry's to serve.
    operators: facility.operators
      ? JSON.stringify(facility.operators.map(({ operatorCompanyId, since }) => ({ operatorCompanyId, since })))
      : null,
    deposit_id: facility.depositId ?? null,
    region: facility.region,
    product_codes: facility.productCodes,
    capacity_tonnes_per_year: facility.capacityTonnesPerYear ?? null,
    status: facility.status,
    status_since: facility.statusSince,
    commissioned_on: facility.commissionedOn ?? null,
    version: facility.version,
  });
}

function saveProduct(product: ProductSnapshot, manager: EntityManager): Promise<boolean> {
  return upsertLatest(manager, 'registry_product', 'code', {
    code: product.code,
    name: product.name,
    elements: product.elements,
    tonnage_class: product.tonnageClass,
    hs_code: product.hsCode,
    unit: product.unit,
    metal_content_basis: product.metalContentBasis,
    version: product.version,
  });
}
