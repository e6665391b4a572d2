import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, CompanyRegistered, CompanyUpdated } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { ConflictError, DomainError, type FieldError, orConflict, Page, type Principal } from '@redmet/platform';
import { containsText } from '../common/filters';
import { findForUpdate } from '../common/lookups';
import { applyChange, presentFields } from '../common/present-fields';
import type { VersionCondition } from '../common/record-version';
import { asSeenBy, type CompanyView } from './company-contacts';
import { assertHoldsNothing } from './company-holdings';
import { companyNotFound } from './company.errors';
import { statusChangeRefusal } from './company-status';
import { Company } from './company.entity';
import type { CompanyQuery, RegisterCompanyDto, UpdateCompanyDto } from './dto/company.dto';

@Injectable()
export class CompaniesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  register(dto: RegisterCompanyDto, actor: Actor): Promise<Company> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertUnique(manager, dto);
      const company = manager.create(Company, {
        ...presentFields(dto),
        status: 'active',
        version: 1,
        createdBy: actor,
        updatedBy: actor,
      });
      await saveUnique(manager, company);
      await this.outbox.add(manager, CompanyRegistered, company.id, company.toSnapshot());
      return company;
    });
  }

  update(id: string, dto: UpdateCompanyDto, actor: Actor, condition?: VersionCondition): Promise<Company> {
    return this.dataSource.transaction(async (manager) => {
      const company = await findForUpdate(manager, Company, { id }, () => companyNotFound(id), condition);
      assertChangeAllowed(company, dto);
      if (dto.status === 'liquidated' && company.status !== 'liquidated') await assertHoldsNothing(manager, company);
      await this.assertUnique(manager, dto, id);
      if (!applyChange(company, dto, actor)) return company;
      await saveUnique(manager, company);
      await this.outbox.add(manager, CompanyUpdated, company.id, company.toSnapshot());
      return company;
    });
  }

  async get(id: string, principal: Principal): Promise<CompanyView> {
    const company = await this.dataSource.manager.findOneBy(Company, { id });
    if (!company) throw companyNotFound(id);
    return asSeenBy(principal, company);
  }

  async list(query: CompanyQuery, principal: Principal): Promise<Page<CompanyView>> {
    const [items, total] = await this.dataSource.manager.findAndCount(Company, {
      where: {
        ...(query.name ? { legalName: containsText(query.name) } : {}),
        ...(query.inn ? { inn: query.inn } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { legalName: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(
      items.map((company) => asSeenBy(principal, company)),
      total,
      query,
    );
  }

  private async assertUnique(manager: EntityManager, dto: Partial<RegisterCompanyDto>, exceptId?: string) {
    if (dto.inn) {
      const holder = await manager.findOneBy(Company, { inn: dto.inn });
      if (holder && holder.id !== exceptId) throw innTaken(dto.inn);
    }
    if (dto.ogrn) {
      const holder = await manager.findOneBy(Company, { ogrn: dto.ogrn });
      if (holder && holder.id !== exceptId) throw ogrnTaken(dto.ogrn);
    }
  }
}

/** The look-ups of `assertUnique` cannot see a rival's uncommitted row: its unique keys are the last word. */
async function saveUnique(manager: EntityManager, company: Company): Promise<void> {
  const saved = orConflict(manager.save(company), 'company_inn_unique', () => innTaken(company.inn));
  await orConflict(saved, 'company_ogrn_unique', () => ogrnTaken(company.ogrn ?? ''));
}

/** What names a company in the state register: a liquidated company's stay its own, so they cannot pass to another record. */
const IDENTITY = ['legalName', 'inn', 'ogrn'] as const;

/** Only a liquidated company refuses changes (see COMPANY_TRANSITIONS): to its status and to what names it. */
function assertChangeAllowed(company: Company, dto: UpdateCompanyDto): void {
  const refusal = dto.status === undefined ? undefined : statusChangeRefusal(company.status, dto.status);
  const errors: FieldError[] = refusal ? [{ field: 'status', messages: [refusal] }] : [];
  if (company.status === 'liquidated') {
    for (const field of IDENTITY.filter((name) => dto[name] !== undefined && dto[name] !== company[name])) {
      errors.push({ field, messages: [`a liquidated company's ${field} stays as it was`] });
    }
  }
  if (errors.length === 0) return;
  throw new DomainError(
    'COMPANY.LIQUIDATED',
    `Company ${company.id} has been liquidated; its ${errors.map(({ field }) => field).join(', ')} cannot change`,
    HttpStatus.CONFLICT,
    errors,
  );
}

function innTaken(inn: string): ConflictError {
  return new ConflictError('COMPANY.INN_TAKEN', `A company with INN ${inn} is already registered`, 'inn');
}

function ogrnTaken(ogrn: string): ConflictError {
  return new ConflictError('COMPANY.OGRN_TAKEN', `A company with OGRN ${ogrn} is already registered`, 'ogrn');
}
