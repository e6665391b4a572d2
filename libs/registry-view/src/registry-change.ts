import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type RegistryAggregate = 'company' | 'deposit' | 'licence' | 'facility' | 'product';

export interface RegistryChange {
  aggregate: RegistryAggregate;
  /** Company, deposit, licence or facility id, or product code. */
  id: string;
  eventType: string;
  version: number;
  /** False when a newer version was already known (the event still counts for history). */
  latest: boolean;
  /** When the registry made the change: a replay of the topics gives the same. */
  occurredAt: string;
}

/**
 * Implemented by a service that must react to registry changes in the same
 * transaction as its read model (e.g. re-check reports that were waiting for a licence).
 */
export interface RegistryChangeListener {
  registryChanged(change: RegistryChange, manager: EntityManager): Promise<void>;
}

export const REGISTRY_CHANGE_LISTENER = 'redmet:registry-change-listener';

export const ListensToRegistry = (): ClassDecorator => SetMetadata(REGISTRY_CHANGE_LISTENER, true);
