import { Injectable } from '@nestjs/common';
import { ArrayContains, DataSource, type EntityManager } from 'typeorm';
import { type Actor, DepositRegistered, DepositUpdated } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { Page, type Principal } from '@redmet/platform';
import { type AuthoredView, authorsAsSeenBy } from '../common/changed-by';
import { containsText } from '../common/filters';
import { findForUpdate, saveNamedInRegion } from '../common/lookups';
import { applyChange, presentFields } from '../common/present-fields';
import type { VersionCondition } from '../common/record-version';
import { Deposit } from './deposit.entity';
import { depositNameTaken, depositNotFound } from './deposit.errors';
import type { DepositQuery, RegisterDepositDto, UpdateDepositDto } from './dto/deposit.dto';

@Injectable()
export class DepositsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  register(dto: RegisterDepositDto, actor: Actor): Promise<Deposit> {
    return this.dataSource.transaction(async (manager) => {
      const deposit = manager.create(Deposit, {
        latitude: null,
        longitude: null,
        ...presentFields(dto),
        version: 1,
        createdBy: actor,
        updatedBy: actor,
      });
      await saveDeposit(manager, deposit);
      await this.outbox.add(manager, DepositRegistered, deposit.id, deposit.toSnapshot());
      return deposit;
    });
  }

  update(id: string, dto: UpdateDepositDto, actor: Actor, condition?: VersionCondition): Promise<Deposit> {
    return this.dataSource.transaction(async (manager) => {
      const deposit = await findForUpdate(manager, Deposit, { id }, () => depositNotFound(id), condition);
      if (!applyChange(deposit, dto, actor)) return deposit;
      await saveDeposit(manager, deposit);
      await this.outbox.add(manager, DepositUpdated, deposit.id, deposit.toSnapshot());
      return deposit;
    });
  }

  async get(id: string, principal: Principal): Promise<AuthoredView<Deposit>> {
    const deposit = await this.dataSource.manager.findOneBy(Deposit, { id });
    if (!deposit) throw depositNotFound(id);
    return authorsAsSeenBy(principal, deposit, null);
  }

  async list(query: DepositQuery, principal: Principal): Promise<Page<AuthoredView<Deposit>>> {
    const [items, total] = await this.dataSource.manager.findAndCount(Deposit, {
      where: {
        ...(query.name ? { name: containsText(query.name) } : {}),
        ...(query.region ? { region: query.region } : {}),
        ...(query.metal ? { metals: ArrayContains([query.metal]) } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(
      items.map((deposit) => authorsAsSeenBy(principal, deposit, null)),
      total,
      query,
    );
  }
}

function saveDeposit(manager: EntityManager, deposit: Deposit): Promise<void> {
  return saveNamedInRegion(manager, Deposit, deposit, 'deposit_name_region_unique', (holderId) =>
    depositNameTaken(deposit.name, deposit.region, holderId),
  );
}
