import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ListensToRegistry, type RegistryChange, type RegistryChangeListener } from '@redmet/registry-view';
import { AlertEngine } from '../alerts/alert-engine';
import { InputsChanged } from '../alerts/inputs-changed';
import { followCatalogueClass } from '../reports/product-class';
import { LicenceExpiringRule } from '../rules/licence-expiring.rule';
import { LicenceRevokedRule } from '../rules/licence-revoked.rule';
import { SuddenDropRule } from '../rules/sudden-drop.rule';
import { recordCompanyVersion } from './company-versions';
import { recordDepositVersion } from './deposit-versions';
import { recordFacilityVersion } from './facility-versions';
import { recordProductVersion } from './product-versions';

/**
 * Registry changes that matter here: a licence's status (revoked while output
 * is still reported) and validity (ending while output is reported, unless
 * another licence takes over), the deposit a facility processes (whose output
 * its reports are), a facility's closure (which explains a fall in its
 * output, and in that of the deposit it processes), and plants and products,
 * which count toward targets (a product's output in its class; every version
 * of a plant and of a product, for the new plants and the catalogue as known
 * on a past day). Every version of a company, deposit and plant also keeps its
 * name, for figures shown by company or site as known on a past day.
 */
@Injectable()
@ListensToRegistry()
export class RegistryListener implements RegistryChangeListener {
  constructor(
    private readonly engine: AlertEngine,
    private readonly licenceRevoked: LicenceRevokedRule,
    private readonly licenceExpiring: LicenceExpiringRule,
    private readonly suddenDrop: SuddenDropRule,
    private readonly inputsChanged: InputsChanged,
  ) {}

  async registryChanged(change: RegistryChange, manager: EntityManager): Promise<void> {
    // An older version arriving late still fills in the licence's status history, which the rule reads;
    // a `LicenceExpiring` notice changes no licence, but comes when its end draws near.
    if (change.aggregate === 'licence') {
      const licences = await this.licenceRevoked.withSiblings(manager, change.id);
      await this.engine.check(manager, this.licenceRevoked, licences);
      const holderLicences = await this.licenceExpiring.withSiblings(manager, change.id);
      await this.engine.check(manager, this.licenceExpiring, holderLicences);
    }
    // Every version, a late one too: the plants, the catalogue and the names as known on a past day are read from them.
    if (change.aggregate === 'company') await recordCompanyVersion(manager, change);
    if (change.aggregate === 'deposit') await recordDepositVersion(manager, change);
    if (change.aggregate === 'facility') await recordFacilityVersion(manager, change);
    if (change.aggregate === 'product') await recordProductVersion(manager, change);
    if (!change.latest) return;
    if (change.aggregate === 'facility') {
      // Sites before licences, as a report's rules lock them: the two never wait on each other in a cycle.
      // The facility and its deposit, now and before: a closure or a move may explain a fall, or stop explaining it.
      await this.engine.check(manager, this.suddenDrop, await this.suddenDrop.facilityAndDeposit(manager, change.id));
      const revoked = await this.licenceRevoked.reportedThrough(manager, change.id);
      await this.engine.check(manager, this.licenceRevoked, revoked);
      const producing = await this.licenceExpiring.reportedThrough(manager, change.id);
      await this.engine.check(manager, this.licenceExpiring, producing);
    }
    if (change.aggregate === 'product') await followCatalogueClass(manager, change.id, change.occurredAt);
    if (change.aggregate === 'facility' || change.aggregate === 'product') this.inputsChanged.markOnCommit(manager);
  }
}
