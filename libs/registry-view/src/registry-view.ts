import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Coverage, licenceCoverage } from './licence-coverage';
import {
  RegistryCompany,
  RegistryDeposit,
  RegistryFacility,
  RegistryLicence,
  RegistryLicenceStatus,
  RegistryProduct,
} from './registry-view.entities';

export interface LicenceCoverage {
  licence: RegistryLicence | null;
  coverage: Coverage;
}

/** What the service knows of the registry, read from its own database. */
@Injectable()
export class RegistryView {
  constructor(private readonly dataSource: DataSource) {}

  company(companyId: string, manager = this.dataSource.manager): Promise<RegistryCompany | null> {
    return manager.findOneBy(RegistryCompany, { companyId });
  }

  deposit(depositId: string, manager = this.dataSource.manager): Promise<RegistryDeposit | null> {
    return manager.findOneBy(RegistryDeposit, { depositId });
  }

  facility(facilityId: string, manager = this.dataSource.manager): Promise<RegistryFacility | null> {
    return manager.findOneBy(RegistryFacility, { facilityId });
  }

  async products(codes: readonly string[], manager = this.dataSource.manager): Promise<Map<string, RegistryProduct>> {
    const found = codes.length ? await manager.findBy(RegistryProduct, { code: In([...new Set(codes)]) }) : [];
    return new Map(found.map((product) => [product.code, product]));
  }

  /**
   * The best licence the company holds for the deposit over `start..end`: an
   * active one if any, else one whose answer is still unknown, else the reason
   * none was in force.
   */
  async licenceCoverage(
    companyId: string,
    depositId: string,
    start: string,
    end: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LicenceCoverage> {
    const licences = await manager.findBy(RegistryLicence, { holderCompanyId: companyId, depositId });
    if (licences.length === 0) {
      return {
        licence: null,
        coverage: { state: 'unknown', reason: 'no licence of the company for this deposit is known' },
      };
    }
    const histories = await manager.findBy(RegistryLicenceStatus, { licenceId: In(licences.map((l) => l.licenceId)) });
    const answers = licences.map((licence) => ({
      licence,
      coverage: licenceCoverage(
        histories.filter((record) => record.licenceId === licence.licenceId),
        start,
        end,
      ),
    }));
    const rank = { active: 0, unknown: 1, inactive: 2 } as const;
    return answers.sort((a, b) => rank[a.coverage.state] - rank[b.coverage.state])[0];
  }
}
