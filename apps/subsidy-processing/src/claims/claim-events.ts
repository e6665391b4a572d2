import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClaimSnapshot, EventDefinition } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import type { Claim } from './claim.entity';

/** Publishes a claim event (the claim as it is now, plus the event's own fields) in the caller's transaction. */
@Injectable()
export class ClaimEvents {
  constructor(private readonly outbox: Outbox) {}

  async emit<P extends ClaimSnapshot>(
    manager: EntityManager,
    definition: EventDefinition<P>,
    claim: Claim,
    extra: Omit<P, keyof ClaimSnapshot>,
  ): Promise<void> {
    await this.outbox.add(manager, definition, claim.id, { ...claim.toSnapshot(), ...extra } as P);
  }
}
