import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '@redmet/platform';
import { orConflict, readSnapshot } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { Clock } from '@redmet/platform';
import { percent } from '../common/money';
import { Budget, FIRST_BUDGET_VERSION } from './budget';
import type { ProgrammeVersionDto } from './dto/programme-version.dto';
import { Programme } from './programme.entity';
import { concurrentChange, programmeNotFound, programmeNotInForce, totalBelowCommitted } from './programme.errors';
import { assertWithinHorizon } from './programme-horizon';
import { ProgrammeVersion } from './programme-version.entity';
import { changedRules, mergeRules } from './rule-versions';

export interface BudgetState {
  year: number;
  totalKopecks: string;
  committedKopecks: string;
  availableKopecks: string;
  utilisationPercent: string;
}

export interface ProgrammeView {
  budget: BudgetState;
  /** The rules in force today; null before the first version takes effect. */
  inForce: ProgrammeVersion | null;
  latest: ProgrammeVersion;
}

export function budgetState(programme: Programme): BudgetState {
  const total = BigInt(programme.totalKopecks);
  const committed = BigInt(programme.committedKopecks);
  return {
    year: programme.year,
    totalKopecks: total.toString(),
    committedKopecks: committed.toString(),
    availableKopecks: (total - committed).toString(),
    utilisationPercent: percent(committed, total),
  };
}

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: Audit,
    private readonly clock: Clock,
    private readonly budgets: Budget,
  ) {}

  /**
   * The version with the latest effective date on or before `day` (the later version on a tie).
   * None is refused naming `field`, the input the year came from, if the caller gives it.
   */
  async rulesInForce(
    year: number,
    day: string,
    manager = this.dataSource.manager,
    field?: string,
  ): Promise<ProgrammeVersion> {
    const found = await this.findInForce(manager, year, day);
    if (found) return found;
    if (!(await manager.existsBy(Programme, { year }))) throw programmeNotFound(year, field);
    throw programmeNotInForce(year, day, field);
  }

  async budget(year: number, manager = this.dataSource.manager): Promise<BudgetState> {
    const programme = await manager.findOneBy(Programme, { year });
    if (!programme) throw programmeNotFound(year);
    return budgetState(programme);
  }

  /**
   * Budgets and rules are read in one snapshot: a new version sets the budget's total in the transaction that adds
   * it, and a programme shown with the version from one moment and the budget from another would disagree.
   */
  list(): Promise<ProgrammeView[]> {
    return readSnapshot(this.dataSource, async (manager) => {
      const programmes = await manager.find(Programme, { order: { year: 'ASC' } });
      const byYear = (versions: ProgrammeVersion[]) => new Map(versions.map((version) => [version.year, version]));
      const inForce = byYear(await this.inForce(manager, this.clock.today()).getMany());
      const latest = byYear(await this.latest(manager).getMany());
      return programmes.map((programme) => {
        const last = latest.get(programme.year);
        // A programme row is written with its first version, in one transaction: one without is a broken database.
        if (!last) throw new Error(`programme ${programme.year} has no version`);
        return { budget: budgetState(programme), inForce: inForce.get(programme.year) ?? null, latest: last };
      });
    });
  }

  get(year: number): Promise<ProgrammeView> {
    return readSnapshot(this.dataSource, async (manager) => {
      const programme = await manager.findOneBy(Programme, { year });
      if (!programme) throw programmeNotFound(year);
      return this.view(manager, programme);
    });
  }

  async versions(year: number): Promise<ProgrammeVersion[]> {
    const versions = await this.dataSource.manager.find(ProgrammeVersion, {
      where: { year },
      order: { version: 'ASC' },
    });
    if (versions.length === 0) throw programmeNotFound(year);
    return versions;
  }

  /**
   * Every change is a new version, audited; the budget row takes the new
   * total at once (an appropriation is a fact when it is made), and never
   * below what is already committed. A new total is published with the
   * budget's figures, so that readers of the budget events see it before
   * the year's next reservation.
   */
  addVersion(year: number, dto: ProgrammeVersionDto, principal: Principal): Promise<ProgrammeVersion> {
    for (const field of ['effectiveFrom', 'claimCutoff', 'resultsDueOn'] as const) {
      const day = dto[field];
      if (day !== undefined) assertWithinHorizon(field, day, year);
    }
    return this.dataSource.transaction(async (manager) => {
      const programme = await manager.findOne(Programme, { where: { year }, lock: { mode: 'pessimistic_write' } });
      const latest = await manager.findOne(ProgrammeVersion, { where: { year }, order: { version: 'DESC' } });
      const rules = mergeRules(latest, dto);
      if (programme && BigInt(rules.totalKopecks) < BigInt(programme.committedKopecks)) {
        throw totalBelowCommitted(rules.totalKopecks, programme.committedKopecks);
      }
      if (!programme) {
        const created = manager.insert(Programme, {
          year,
          totalKopecks: rules.totalKopecks,
          committedKopecks: '0',
          budgetVersion: FIRST_BUDGET_VERSION,
        });
        await orConflict(created, 'programme_pkey', () => concurrentChange(year));
      }
      const version = manager.create(ProgrammeVersion, {
        ...rules,
        year,
        version: (latest?.version ?? 0) + 1,
        effectiveFrom: dto.effectiveFrom,
        reason: dto.reason,
        createdBy: principal.userId,
      });
      await orConflict(manager.insert(ProgrammeVersion, version), 'programme_version_pkey', () =>
        concurrentChange(year),
      );
      await this.audit.record(manager, {
        subjectType: 'programme',
        subjectId: String(year),
        action: 'programme.version_added',
        actor: actorOf(principal),
        changes: { version: version.version, effectiveFrom: dto.effectiveFrom, ...changedRules(latest, rules) },
        reason: dto.reason,
      });
      if (!programme || BigInt(programme.totalKopecks) !== BigInt(rules.totalKopecks)) {
        await this.budgets.setTotal(manager, version, programme);
      }
      return version;
    });
  }

  private async view(manager: EntityManager, programme: Programme): Promise<ProgrammeView> {
    const year = { year: programme.year };
    const inForce = await this.inForce(manager, this.clock.today()).andWhere('v.year = :year', year).getOne();
    const latest = await this.latest(manager).where('v.year = :year', year).getOneOrFail();
    return { budget: budgetState(programme), inForce, latest };
  }

  private findInForce(manager: EntityManager, year: number, day: string): Promise<ProgrammeVersion | null> {
    return this.inForce(manager, day).andWhere('v.year = :year', { year }).getOne();
  }

  /** Each year's version with the latest effective date on or before `day` (the later version on a tie). */
  private inForce(manager: EntityManager, day: string): SelectQueryBuilder<ProgrammeVersion> {
    return manager
      .createQueryBuilder(ProgrammeVersion, 'v')
      .distinctOn(['v.year'])
      .where('v.effective_from <= :day', { day })
      .orderBy('v.year')
      .addOrderBy('v.effective_from', 'DESC')
      .addOrderBy('v.version', 'DESC');
  }

  /** Each year's highest version. */
  private latest(manager: EntityManager): SelectQueryBuilder<ProgrammeVersion> {
    return manager
      .createQueryBuilder(ProgrammeVersion, 'v')
      .distinctOn(['v.year'])
      .orderBy('v.year')
      .addOrderBy('v.version', 'DESC');
  }
}
