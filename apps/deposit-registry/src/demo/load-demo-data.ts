import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_DATA_LOADER } from '../common/changed-by';
import { CompaniesService } from '../companies/companies.service';
import { Company } from '../companies/company.entity';
import { Deposit } from '../deposits/deposit.entity';
import { DepositsService } from '../deposits/deposits.service';
import { FacilitiesService } from '../facilities/facilities.service';
import { Facility } from '../facilities/facility.entity';
import { Licence } from '../licences/licence.entity';
import { LicencesService } from '../licences/licences.service';
import { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { DEMO_COMPANIES, type DemoCompany } from './data/companies';
import { DEMO_DEPOSITS, type DemoDeposit } from './data/deposits';
import { DEMO_FACILITIES } from './data/facilities';
import { DEMO_LICENCES } from './data/licences';
import { DEMO_PRODUCTS } from './data/products';

const KINDS = ['companies', 'deposits', 'products', 'licences', 'facilities'] as const;
type Kind = (typeof KINDS)[number];

export type DemoSummary = Record<Kind, { created: number; existing: number }>;

/**
 * Fills the registry with the real companies, deposits, licences, plants and
 * catalogue products of DOMAIN.md, through the services, so each record is
 * checked like any other and announced by its event, made by the registry itself (`DEMO_DATA_LOADER`). Idempotent: a record that
 * is already there (same INN, deposit name, product code, licence number or
 * facility name) is left as it is.
 */
export async function loadDemoData(app: INestApplicationContext): Promise<DemoSummary> {
  const manager = app.get(DataSource).manager;
  const summary = Object.fromEntries(KINDS.map((kind) => [kind, { created: 0, existing: 0 }])) as DemoSummary;
  const ensure = async <T>(kind: Kind, existing: T | null, create: () => Promise<T>): Promise<T> => {
    summary[kind][existing ? 'existing' : 'created'] += 1;
    return existing ?? create();
  };

  const companyIds = {} as Record<DemoCompany, string>;
  for (const [key, company] of Object.entries(DEMO_COMPANIES) as [
    DemoCompany,
    (typeof DEMO_COMPANIES)[DemoCompany],
  ][]) {
    const found = await manager.findOneBy(Company, { inn: company.inn });
    companyIds[key] = (
      await ensure('companies', found, () => app.get(CompaniesService).register(company, DEMO_DATA_LOADER))
    ).id;
  }

  const depositIds = {} as Record<DemoDeposit, string>;
  for (const [key, deposit] of Object.entries(DEMO_DEPOSITS) as [DemoDeposit, (typeof DEMO_DEPOSITS)[DemoDeposit]][]) {
    const found = await manager.findOneBy(Deposit, { name: deposit.name });
    depositIds[key] = (
      await ensure('deposits', found, () => app.get(DepositsService).register(deposit, DEMO_DATA_LOADER))
    ).id;
  }

  for (const product of DEMO_PRODUCTS) {
    const found = await manager.findOneBy(Product, { code: product.code });
    await ensure('products', found, () => app.get(ProductsService).add(product, DEMO_DATA_LOADER));
  }

  for (const { holder, deposit, ...licence } of DEMO_LICENCES) {
    const found = await manager.findOneBy(Licence, { number: licence.number });
    const issue = { ...licence, holderCompanyId: companyIds[holder], depositId: depositIds[deposit] };
    await ensure('licences', found, () => app.get(LicencesService).issue(issue, DEMO_DATA_LOADER));
  }

  for (const { operator, deposit, ...facility } of DEMO_FACILITIES) {
    const found = await manager.findOneBy(Facility, { name: facility.name });
    const register = {
      ...facility,
      operatorCompanyId: companyIds[operator],
      ...(deposit ? { depositId: depositIds[deposit] } : {}),
    };
    await ensure('facilities', found, () => app.get(FacilitiesService).register(register, DEMO_DATA_LOADER));
  }
  return summary;
}
