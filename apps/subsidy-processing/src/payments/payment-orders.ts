import { randomUUID } from 'node:crypto';
import type { DeepPartial, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { orConflict, type Principal } from '@redmet/platform';
import { officerOf } from '../claims/claim-access';
import { duplicatePaymentReference } from '../claims/claim.errors';
import type { ClawbackPaymentOrder } from './clawback-payment-order.entity';

/** Records a repayment or a refund as `principal` enters it; a reference the claim already has is refused. */
export async function insertPaymentOrder<T extends ClawbackPaymentOrder>(
  manager: EntityManager,
  entity: new () => T,
  kind: 'repayment' | 'refund',
  order: Omit<T, 'id' | 'recordedBy' | 'recordedAt' | 'claim'>,
  principal: Principal,
): Promise<T> {
  const row = manager.create(entity, {
    id: randomUUID(),
    ...order,
    recordedBy: officerOf(principal),
  } as DeepPartial<T>);
  await orConflict(manager.insert(entity, row as QueryDeepPartialEntity<T>), `clawback_${kind}_reference_once`, () =>
    duplicatePaymentReference(kind, order.reference),
  );
  return row;
}
