import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import {
  type Actor,
  type EventDefinition,
  LicenceAmended,
  LicenceIssued,
  type LicenceStatus,
  type LicenceStatusChangePayload,
} from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { Clock, orConflict, Page, type Principal } from '@redmet/platform';
import { lockCompanyForShare } from '../companies/company-holdings';
import { type AuthoredView, authorsAsSeenBy, shownTo } from '../common/changed-by';
import { assertExists, findForUpdate } from '../common/lookups';
import { applyChange } from '../common/present-fields';
import type { VersionCondition } from '../common/record-version';
import { checkEffectiveDate } from '../common/status-history';
import { Deposit } from '../deposits/deposit.entity';
import { depositNotFound } from '../deposits/deposit.errors';
import type {
  AmendLicenceDto,
  ExtendLicenceDto,
  IssueLicenceDto,
  LicenceQuery,
  LicenceStatusChangeDto,
  ReopenLicenceDto,
} from './dto/licence.dto';
import { LicenceExpiryNotice } from './licence-expiry-notice.entity';
import { LicenceStatusChange } from './licence-status-change.entity';
import {
  canChangeLicenceStatus,
  isFinalLicenceStatus,
  LICENCE_COMMANDS,
  type LicenceCommand,
  reopeningEvent,
  issuedStatusHolds,
  statusBeforeClosing,
} from './licence-status';
import { Licence } from './licence.entity';
import * as errors from './licence.errors';

const NUMBER_UNIQUE = 'licence_number_unique';

@Injectable()
export class LicencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  issue(dto: IssueLicenceDto, actor: Actor): Promise<Licence> {
    return this.dataSource.transaction(async (manager) => {
      assertValidPeriod(dto.validFrom, dto.validTo);
      const { holderCompanyId, depositId } = dto;
      const holder = await lockCompanyForShare(manager, holderCompanyId, 'holderCompanyId');
      if (holder.status !== 'active') throw errors.holderLiquidated(holder.id, holder.status, 'holderCompanyId');
      await assertExists(manager, Deposit, { id: depositId }, () => depositNotFound(depositId, 'depositId'));
      await assertNumberFree(manager, dto.number);
      const licence = manager.create(Licence, {
        ...dto,
        status: 'active',
        statusSince: dto.validFrom,
        version: 1,
        createdBy: actor,
        updatedBy: actor,
      });
      await orConflict(manager.save(licence), NUMBER_UNIQUE, () => errors.licenceNumberTaken(dto.number));
      await manager.insert(LicenceStatusChange, {
        licenceId: licence.id,
        fromStatus: null,
        toStatus: 'active',
        effectiveOn: licence.validFrom,
        reason: 'Issued',
        changedBy: actor,
      });
      await this.outbox.add(manager, LicenceIssued, licence.id, licence.toSnapshot());
      return licence;
    });
  }

  amend(id: string, dto: AmendLicenceDto, actor: Actor, condition?: VersionCondition): Promise<Licence> {
    return this.dataSource.transaction(async (manager) => {
      const licence = await findLicenceForUpdate(manager, id, condition);
      if (isFinalLicenceStatus(licence.status)) throw errors.licenceClosed(licence.status);
      assertValidPeriod(dto.validFrom ?? licence.validFrom, dto.validTo ?? licence.validTo);
      if (dto.number && dto.number !== licence.number) await assertNumberFree(manager, dto.number);
      if (dto.validFrom && dto.validFrom !== licence.validFrom) await moveStart(manager, licence, dto.validFrom);
      // After moveStart, which takes statusSince along with the start while the first status is current.
      const validTo = dto.validTo ?? licence.validTo;
      if (validTo < licence.statusSince) throw errors.endBeforeStatus(validTo, licence.status, licence.statusSince);
      // Notices belong to an end date: a new one gets its own notices.
      if (dto.validTo && dto.validTo !== licence.validTo) await manager.delete(LicenceExpiryNotice, { licenceId: id });
      if (!applyChange(licence, dto, actor)) return licence;
      await orConflict(manager.save(licence), NUMBER_UNIQUE, () => errors.licenceNumberTaken(licence.number));
      await this.outbox.add(manager, LicenceAmended, licence.id, licence.toSnapshot());
      return licence;
    });
  }

  changeStatus(
    id: string,
    command: LicenceCommand,
    dto: LicenceStatusChangeDto,
    actor: Actor,
    condition?: VersionCondition,
  ): Promise<Licence> {
    const { to, event } = LICENCE_COMMANDS[command];
    return this.dataSource.transaction(async (manager) => {
      const licence = await findLicenceForUpdate(manager, id, condition);
      if (!canChangeLicenceStatus(licence.status, to)) throw errors.illegalLicenceTransition(licence.status, to);
      const today = this.clock.today();
      // A licence still to start (issued ahead, or in error) can be stopped only from its first day:
      // before it, it was never in force; later days have not come.
      const notStarted = licence.statusSince > today;
      const effectiveOn = dto.effectiveOn ?? (notStarted ? licence.statusSince : today);
      if (notStarted && effectiveOn !== licence.statusSince)
        throw errors.effectiveBeforeStart(effectiveOn, licence.statusSince);
      if (!notStarted)
        checkEffectiveDate(errors.INVALID_LICENCE_EFFECTIVE_DATE, 'effectiveOn', effectiveOn, {
          notBefore: licence.statusSince,
          today,
        });
      // After its last day the licence has expired (the expiry check records that), whatever else is said of it.
      if (effectiveOn > licence.validTo) throw errors.effectiveAfterEnd(effectiveOn, licence.validTo);
      return this.recordStatus(manager, licence, { to, effectiveOn, reason: dto.reason }, event, actor);
    });
  }

  /**
   * Annuls the closing of a licence revoked or expired in error (README, "Reopening a licence"): it goes back
   * to the status it had, since the day it had it, so the closing covers no day for the services that judge
   * coverage by the published versions; its history keeps the closing and the annulment, with the reason.
   * An expiry is annulled only with the end the extension gives.
   */
  reopen(
    id: string,
    closing: 'revoked' | 'expired',
    dto: ReopenLicenceDto & Partial<ExtendLicenceDto>,
    actor: Actor,
    condition?: VersionCondition,
  ): Promise<Licence> {
    return this.dataSource.transaction(async (manager) => {
      const licence = await findLicenceForUpdate(manager, id, condition);
      if (licence.status !== closing) throw errors.nothingToAnnul(licence.status, closing);
      const holder = await lockCompanyForShare(manager, licence.holderCompanyId, 'holderCompanyId');
      if (holder.status === 'liquidated') throw errors.holderLiquidated(holder.id, holder.status);
      if (dto.validTo !== undefined) {
        if (dto.validTo <= licence.validTo) throw errors.extensionNotLater(dto.validTo, licence.validTo);
        licence.validTo = dto.validTo;
        await manager.delete(LicenceExpiryNotice, { licenceId: id });
      }
      const history = await manager.find(LicenceStatusChange, { where: { licenceId: id }, order: { id: 'ASC' } });
      const restored = statusBeforeClosing(history);
      const change = {
        to: restored.status,
        effectiveOn: licence.statusSince,
        since: restored.since,
        reason: dto.reason,
      };
      return this.recordStatus(manager, licence, change, reopeningEvent(restored.status), actor);
    });
  }

  /**
   * Moves a locked licence to `to` (already known to be allowed), keeps the history and adds `event`. The
   * status begins on `effectiveOn`, or on `since` when an annulment gives back an earlier one. `actor` made
   * the change: a user, or the registry itself (`LICENCE_EXPIRY`).
   */
  async recordStatus(
    manager: EntityManager,
    licence: Licence,
    change: { to: LicenceStatus; effectiveOn: string; since?: string; reason: string },
    event: EventDefinition<LicenceStatusChangePayload>,
    actor: Actor,
  ): Promise<Licence> {
    const previousStatus = licence.status;
    const statusSince = change.since ?? change.effectiveOn;
    Object.assign(licence, { status: change.to, statusSince, version: licence.version + 1, updatedBy: actor });
    await manager.save(licence);
    await manager.insert(LicenceStatusChange, {
      licenceId: licence.id,
      fromStatus: previousStatus,
      toStatus: change.to,
      effectiveOn: change.effectiveOn,
      reason: change.reason,
      changedBy: actor,
    });
    await this.outbox.add(manager, event, licence.id, {
      ...licence.toSnapshot(),
      previousStatus,
      reason: change.reason,
    });
    return licence;
  }

  async get(id: string, principal: Principal): Promise<AuthoredView<Licence>> {
    const licence = await this.dataSource.manager.findOneBy(Licence, { id });
    if (!licence) throw errors.licenceNotFound(id);
    return authorsAsSeenBy(principal, licence, licence.holderCompanyId);
  }

  /** Each change with who made it, named to staff and the holder's producers (common/changed-by.ts). */
  async history(id: string, principal: Principal) {
    const manager = this.dataSource.manager;
    const licence = await manager.findOneBy(Licence, { id });
    if (!licence) throw errors.licenceNotFound(id);
    const named = principal.canSeeCompany(licence.holderCompanyId);
    const changes = await manager.find(LicenceStatusChange, {
      where: { licenceId: id },
      order: { effectiveOn: 'ASC', id: 'ASC' },
    });
    return changes.map((change) => ({ ...change, changedBy: shownTo(change.changedBy, named) }));
  }

  async list(query: LicenceQuery, principal: Principal): Promise<Page<AuthoredView<Licence>>> {
    const [items, total] = await this.dataSource.manager.findAndCount(Licence, {
      where: {
        ...(query.holderCompanyId ? { holderCompanyId: query.holderCompanyId } : {}),
        ...(query.depositId ? { depositId: query.depositId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.expiringBefore ? { validTo: LessThan(query.expiringBefore) } : {}),
      },
      order: { number: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(
      items.map((licence) => authorsAsSeenBy(principal, licence, licence.holderCompanyId)),
      total,
      query,
    );
  }
}

function findLicenceForUpdate(manager: EntityManager, id: string, condition: VersionCondition): Promise<Licence> {
  return findForUpdate(manager, Licence, { id }, () => errors.licenceNotFound(id), condition);
}

async function assertNumberFree(manager: EntityManager, number: string): Promise<void> {
  if (await manager.existsBy(Licence, { number })) throw errors.licenceNumberTaken(number);
}

/**
 * The history starts with `active` from `validFrom`, so that row moves with it,
 * and so does `statusSince` while that is still the current status, given back
 * by annulled closings too. A status recorded since must not come before the
 * new start.
 */
async function moveStart(manager: EntityManager, licence: Licence, validFrom: string): Promise<void> {
  const history = await manager.find(LicenceStatusChange, { where: { licenceId: licence.id }, order: { id: 'ASC' } });
  const [issued, next] = history;
  if (next && validFrom > next.effectiveOn) throw errors.startAfterStatusChange(validFrom, next);
  await manager.update(LicenceStatusChange, { id: issued.id }, { effectiveOn: validFrom });
  if (issuedStatusHolds(history)) licence.statusSince = validFrom;
}

function assertValidPeriod(validFrom: string, validTo: string): void {
  if (validTo <= validFrom) throw errors.invalidLicencePeriod(validFrom, validTo);
}
