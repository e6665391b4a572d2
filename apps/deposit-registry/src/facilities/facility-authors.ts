import type { FacilityOperatorPeriod } from '@redmet/contracts';
import type { Principal } from '@redmet/platform';
import { type AuthoredView, authorsAsSeenBy, type ShownActor, shownTo } from '../common/changed-by';
import type { Facility } from './facility.entity';

/** An entry of a facility's `operators` as a reader is shown it: its `handedOverBy` possibly "registry staff". */
export type OperatorPeriodView = Omit<FacilityOperatorPeriod, 'handedOverBy'> & { handedOverBy?: ShownActor | null };

export type FacilityView = Omit<AuthoredView<Facility>, 'operators'> & { operators: OperatorPeriodView[] };

/**
 * Who recorded each hand-over, named to staff and to the producers of the two companies it was between: the one
 * that took the plant over (the entry's) and the one that handed it over (the entry before); to any other
 * producer a person is "registry staff", the registry itself is named to everyone (common/changed-by.ts).
 */
export function operatorsAsSeenBy(
  principal: Principal,
  operators: FacilityOperatorPeriod[],
): FacilityOperatorPeriod[] | OperatorPeriodView[] {
  let withheld = false;
  const shown = operators.map((period, index): OperatorPeriodView => {
    if (!period.handedOverBy) return period;
    const named =
      principal.canSeeCompany(period.operatorCompanyId) ||
      (index > 0 && principal.canSeeCompany(operators[index - 1].operatorCompanyId));
    const handedOverBy = shownTo(period.handedOverBy, named);
    if (handedOverBy === period.handedOverBy) return period;
    withheld = true;
    return { ...period, handedOverBy };
  });
  return withheld ? shown : operators;
}

/**
 * The facility as `principal` may read it: who registered and last changed it named to staff and its operator's
 * producers (`authorsAsSeenBy`), each hand-over's author as `operatorsAsSeenBy` says. With any author withheld it
 * is a copy, which gets a weak ETag of its own rather than the version's.
 */
export function facilityAsSeenBy(principal: Principal, facility: Facility): FacilityView {
  const view = authorsAsSeenBy(principal, facility, facility.operatorCompanyId);
  const operators = operatorsAsSeenBy(principal, facility.operators);
  return operators === facility.operators ? view : { ...view, operators };
}
