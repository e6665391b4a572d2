import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ListensToRegistry, type RegistryChange, type RegistryChangeListener } from '@redmet/registry-view';
import { holdRegistryViewForChange } from '../acceptance/registry-view-lock';
import { PendingReports } from './pending-reports.service';

/** Decides the pending reports a registry change may unblock, in the read model's own transaction. */
@Injectable()
@ListensToRegistry()
export class PendingReportsListener implements RegistryChangeListener {
  constructor(private readonly pending: PendingReports) {}

  async registryChanged(change: RegistryChange, manager: EntityManager): Promise<void> {
    // A stale version still adds to a licence's status history, which may complete it; other stale copies change nothing.
    if (!change.latest && change.aggregate !== 'licence') return;
    await holdRegistryViewForChange(manager);
    await this.pending.recheck(manager, change.aggregate, change.id);
  }
}
