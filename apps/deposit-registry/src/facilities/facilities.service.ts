import { Injectable } from '@nestjs/common';
import { ArrayContains, DataSource, type EntityManager, JsonContains } from 'typeorm';
import {
  type Actor,
  FacilityOperatorChanged,
  FacilityRegistered,
  type FacilityStatus,
  FacilityStatusChanged,
  FacilityUpdated,
  operatorInMonth,
} from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { Clock, orConflict, Page, type Principal } from '@redmet/platform';
import { lockCompanyForShare } from '../companies/company-holdings';
import { shownTo } from '../common/changed-by';
import { findForUpdate, saveNamedInRegion, assertExists } from '../common/lookups';
import { applyChange, presentFields } from '../common/present-fields';
import type { VersionCondition } from '../common/record-version';
import { checkEffectiveDate } from '../common/status-history';
import { Deposit } from '../deposits/deposit.entity';
import { depositNotFound } from '../deposits/deposit.errors';
import { assertProductsExist } from '../products/products.service';
import type {
  FacilityOperatorChangeDto,
  FacilityQuery,
  FacilityStatusChangeDto,
  RegisterFacilityDto,
  UpdateFacilityDto,
} from './dto/facility.dto';
import { facilityAsSeenBy, type FacilityView } from './facility-authors';
import { FacilityStatusChange } from './facility-status-change.entity';
import { canChangeFacilityStatus, commissionedOnAfter } from './facility-status';
import { Facility } from './facility.entity';
import {
  alreadyOperator,
  alreadyRestarted,
  closedBeforeOperator,
  facilityClosed,
  operatorNotActive,
  facilityNameTaken,
  facilityNotFound,
  illegalFacilityTransition,
  INVALID_FACILITY_EFFECTIVE_DATE,
  invalidOperatorChangeDate,
  restartOfNotClosed,
  startedBeforeClosing,
} from './facility.errors';

const RESTART_OF_UNIQUE = 'facility_restart_of_unique';

@Injectable()
export class FacilitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  register(dto: RegisterFacilityDto, actor: Actor): Promise<Facility> {
    return this.dataSource.transaction(async (manager) => {
      const status = dto.status ?? 'planned';
      const statusSince = dto.statusSince ?? this.clock.today();
      checkEffectiveDate(INVALID_FACILITY_EFFECTIVE_DATE, 'statusSince', statusSince, { today: this.clock.today() });
      await assertReferences(manager, dto);
      const restartOf = dto.restartOf ?? null;
      if (restartOf) {
        const closed = await assertRestartable(manager, restartOf);
        if (statusSince < closed.statusSince) throw startedBeforeClosing(statusSince, closed.id, closed.statusSince);
      }
      const facility = manager.create(Facility, {
        depositId: null,
        capacityTonnesPerYear: null,
        productCodes: [],
        ...presentFields(dto),
        restartOf,
        operators: [{ operatorCompanyId: dto.operatorCompanyId, since: null }],
        status,
        statusSince,
        commissionedOn: commissionedOnAfter(null, status, statusSince),
        version: 1,
        createdBy: actor,
        updatedBy: actor,
      });
      const saved = saveFacility(manager, facility);
      await (restartOf ? orConflict(saved, RESTART_OF_UNIQUE, () => alreadyRestarted(restartOf)) : saved);
      await recordHistory(manager, facility.id, null, status, statusSince, actor);
      await this.outbox.add(manager, FacilityRegistered, facility.id, facility.toSnapshot());
      return facility;
    });
  }

  update(id: string, dto: UpdateFacilityDto, actor: Actor, condition?: VersionCondition): Promise<Facility> {
    return this.dataSource.transaction(async (manager) => {
      const facility = await findForUpdate(manager, Facility, { id }, () => facilityNotFound(id), condition);
      await assertReferences(manager, dto);
      if (!applyChange(facility, dto, actor)) return facility;
      await saveFacility(manager, facility);
      await this.outbox.add(manager, FacilityUpdated, facility.id, facility.toSnapshot());
      return facility;
    });
  }

  changeStatus(
    id: string,
    dto: FacilityStatusChangeDto,
    actor: Actor,
    condition?: VersionCondition,
  ): Promise<Facility> {
    return this.dataSource.transaction(async (manager) => {
      const facility = await findForUpdate(manager, Facility, { id }, () => facilityNotFound(id), condition);
      const previousStatus = facility.status;
      if (!canChangeFacilityStatus(previousStatus, dto.status))
        throw illegalFacilityTransition(previousStatus, dto.status);
      const rule = { notBefore: facility.statusSince, today: this.clock.today() };
      checkEffectiveDate(INVALID_FACILITY_EFFECTIVE_DATE, 'effectiveOn', dto.effectiveOn, rule);
      const operatorSince = facility.operators[facility.operators.length - 1].since;
      if (dto.status === 'closed' && operatorSince !== null && dto.effectiveOn <= operatorSince)
        throw closedBeforeOperator(dto.effectiveOn, operatorSince);
      Object.assign(facility, {
        status: dto.status,
        statusSince: dto.effectiveOn,
        commissionedOn: commissionedOnAfter(facility.commissionedOn, dto.status, dto.effectiveOn),
        version: facility.version + 1,
        updatedBy: actor,
      });
      await manager.save(facility);
      await recordHistory(manager, facility.id, previousStatus, dto.status, dto.effectiveOn, actor);
      await this.outbox.add(manager, FacilityStatusChanged, facility.id, { ...facility.toSnapshot(), previousStatus });
      return facility;
    });
  }

  /**
   * Another company takes over from the first day of a month; the months before stay its predecessor's. The new
   * entry of `operators` keeps who recorded the hand-over for good (`handedOverBy`), as a history row keeps its author.
   */
  changeOperator(
    id: string,
    dto: FacilityOperatorChangeDto,
    actor: Actor,
    condition?: VersionCondition,
  ): Promise<Facility> {
    return this.dataSource.transaction(async (manager) => {
      const facility = await findForUpdate(manager, Facility, { id }, () => facilityNotFound(id), condition);
      if (facility.status === 'closed') throw facilityClosed(facility.id, facility.statusSince);
      await assertReferences(manager, dto);
      const previousOperatorCompanyId = facility.operatorCompanyId;
      if (dto.operatorCompanyId === previousOperatorCompanyId) throw alreadyOperator(dto.operatorCompanyId);
      const currentSince = facility.operators[facility.operators.length - 1].since;
      const today = this.clock.today();
      const firstOfMonth = dto.effectiveOn.endsWith('-01');
      if (!firstOfMonth || (currentSince !== null && dto.effectiveOn <= currentSince) || dto.effectiveOn > today)
        throw invalidOperatorChangeDate(dto.effectiveOn, currentSince, today);
      Object.assign(facility, {
        operatorCompanyId: dto.operatorCompanyId,
        operators: [
          ...facility.operators,
          { operatorCompanyId: dto.operatorCompanyId, since: dto.effectiveOn, handedOverBy: actor },
        ],
        version: facility.version + 1,
        updatedBy: actor,
      });
      await manager.save(facility);
      await this.outbox.add(manager, FacilityOperatorChanged, facility.id, {
        ...facility.toSnapshot(),
        previousOperatorCompanyId,
      });
      return facility;
    });
  }

  async get(id: string, principal: Principal): Promise<FacilityView> {
    const facility = await this.dataSource.manager.findOneBy(Facility, { id });
    if (!facility) throw facilityNotFound(id);
    return facilityAsSeenBy(principal, facility);
  }

  /**
   * Each change with who made it, named to staff, the current operator's producers and those of the
   * company that ran the plant in the month the change is dated in: a former operator sees who made the
   * changes of its months, whenever they were recorded (common/changed-by.ts).
   */
  async history(id: string, principal: Principal) {
    const manager = this.dataSource.manager;
    const facility = await manager.findOneBy(Facility, { id });
    if (!facility) throw facilityNotFound(id);
    const named = (day: string) =>
      principal.canSeeCompany(facility.operatorCompanyId) ||
      principal.canSeeCompany(operatorInMonth(facility, `${day.slice(0, 7)}-01`));
    const changes = await manager.find(FacilityStatusChange, {
      where: { facilityId: id },
      order: { effectiveOn: 'ASC', id: 'ASC' },
    });
    return changes.map((change) => ({ ...change, changedBy: shownTo(change.changedBy, named(change.effectiveOn)) }));
  }

  async list(query: FacilityQuery, principal: Principal): Promise<Page<FacilityView>> {
    const [items, total] = await this.dataSource.manager.findAndCount(Facility, {
      where: {
        ...(query.operatorCompanyId ? { operatorCompanyId: query.operatorCompanyId } : {}),
        ...(query.operatedBy ? { operators: JsonContains([{ operatorCompanyId: query.operatedBy }]) } : {}),
        ...(query.region ? { region: query.region } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.restartOf ? { restartOf: query.restartOf } : {}),
        ...(query.productCode ? { productCodes: ArrayContains([query.productCode]) } : {}),
      },
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(
      items.map((facility) => facilityAsSeenBy(principal, facility)),
      total,
      query,
    );
  }
}

function saveFacility(manager: EntityManager, facility: Facility): Promise<void> {
  return saveNamedInRegion(manager, Facility, facility, 'facility_name_region_unique', (holderId) =>
    facilityNameTaken(facility.name, facility.region, holderId),
  );
}

async function assertReferences(
  manager: EntityManager,
  dto: UpdateFacilityDto & { operatorCompanyId?: string },
): Promise<void> {
  const { operatorCompanyId, depositId, productCodes } = dto;
  if (operatorCompanyId) {
    const operator = await lockCompanyForShare(manager, operatorCompanyId, 'operatorCompanyId');
    if (operator.status !== 'active') throw operatorNotActive(operator.id, operator.status);
  }
  if (depositId) await assertExists(manager, Deposit, { id: depositId }, () => depositNotFound(depositId, 'depositId'));
  if (productCodes) await assertProductsExist(manager, productCodes, 'productCodes');
}

/**
 * The closed plant a registration brings back, locked for share as an operator is, so that nothing changes it
 * before the registration commits. A rival registration bringing it back meanwhile is not visible to the
 * look-up: the unique key `RESTART_OF_UNIQUE` has the last word.
 */
async function assertRestartable(manager: EntityManager, restartOf: string): Promise<Facility> {
  const closed = await manager.findOne(Facility, { where: { id: restartOf }, lock: { mode: 'pessimistic_read' } });
  if (!closed) throw facilityNotFound(restartOf, 'restartOf');
  if (closed.status !== 'closed') throw restartOfNotClosed(closed.id, closed.status);
  const successor = await manager.findOne(Facility, { select: { id: true }, where: { restartOf } });
  if (successor) throw alreadyRestarted(restartOf, successor.id);
  return closed;
}

function recordHistory(
  manager: EntityManager,
  facilityId: string,
  from: FacilityStatus | null,
  to: FacilityStatus,
  effectiveOn: string,
  changedBy: Actor,
) {
  return manager.insert(FacilityStatusChange, { facilityId, fromStatus: from, toStatus: to, effectiveOn, changedBy });
}
