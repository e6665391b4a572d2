import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CompanySnapshot,
  DepositSnapshot,
  FacilitySnapshot,
  LicenceSnapshot,
  ProductSnapshot,
} from '@redmet/contracts';

export type RegistryAggregate = 'company' | 'deposit' | 'licence' | 'facility' | 'product';

/** The record each aggregate's events carry. */
export interface RegistrySnapshots {
  company: CompanySnapshot;
  deposit: DepositSnapshot;
  licence: LicenceSnapshot;
  facility: FacilitySnapshot;
  product: ProductSnapshot;
}

export interface ChangeOf<A extends RegistryAggregate> {
  aggregate: A;
  /** Company, deposit, licence or facility id, or product code. */
  id: string;
  eventType: string;
  version: number;
  /** False when a newer version was already known (the event still counts for history). */
  latest: boolean;
  /** When the registry made the change: a replay of the topics gives the same. */
  occurredAt: string;
  /** The record as this version left it: what a listener keeps of a history the read model does not. */
  snapshot: RegistrySnapshots[A];
}

export type RegistryChange = { [A in RegistryAggregate]: ChangeOf<A> }[RegistryAggregate];

/**
 * Implemented by a service that must react to registry changes in the same
 * transaction as its read model (e.g. re-check reports that were waiting for a licence).
 */
export interface RegistryChangeListener {
  registryChanged(change: RegistryChange, manager: EntityManager): Promise<void>;
}

export const REGISTRY_CHANGE_LISTENER = 'redmet:registry-change-listener';

export const ListensToRegistry = (): ClassDecorator => SetMetadata(REGISTRY_CHANGE_LISTENER, true);
