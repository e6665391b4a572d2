import { HttpStatus } from '@nestjs/common';
import { type EntityManager, In, Not } from 'typeorm';
import { DomainError } from '@redmet/platform';
import { Facility } from '../facilities/facility.entity';
import { OPEN_LICENCE_STATUSES } from '../licences/licence-status';
import { Licence } from '../licences/licence.entity';
import { Company } from './company.entity';
import { companyNotFound } from './company.errors';

/**
 * A company struck off the state register has ceased to exist, so it can neither hold a licence nor run a
 * plant: the registry would otherwise keep publishing rights and output obligations of no one. Its open
 * licences are revoked (or expire) and its plants pass to another operator or close first (a closed plant
 * keeps its last operator, and nobody can take it over). Called under the
 * company's row lock, which a licence issued to it takes too (for share), so none slips in meanwhile.
 */
export async function assertHoldsNothing(manager: EntityManager, company: Company): Promise<void> {
  const licences = await manager.find(Licence, {
    select: { id: true, number: true, status: true },
    where: { holderCompanyId: company.id, status: In([...OPEN_LICENCE_STATUSES]) },
    order: { number: 'ASC' },
  });
  const facilities = await manager.find(Facility, {
    select: { id: true, name: true },
    where: { operatorCompanyId: company.id, status: Not('closed') },
    order: { name: 'ASC' },
  });
  const messages = [
    ...licences.map(({ id, number, status }) => `it holds ${status} licence ${number} (${id})`),
    ...facilities.map(({ id, name }) => `it operates facility ${name} (${id})`),
  ];
  if (messages.length === 0) return;
  throw new DomainError(
    'COMPANY.STILL_HOLDS',
    `Company ${company.id} cannot be liquidated while ${messages.join('; ')}`,
    HttpStatus.CONFLICT,
    [{ field: 'status', messages }],
  );
}

/**
 * A company about to be given a licence or a plant, locked for share: a liquidation, which locks the company
 * for update, waits for that transaction and then sees what it was given, or this waits for the liquidation
 * and sees the company liquidated.
 */
export async function lockCompanyForShare(manager: EntityManager, companyId: string, field: string): Promise<Company> {
  const company = await manager.findOne(Company, { where: { id: companyId }, lock: { mode: 'pessimistic_read' } });
  if (!company) throw companyNotFound(companyId, field);
  return company;
}
