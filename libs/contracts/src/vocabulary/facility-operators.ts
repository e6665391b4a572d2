/** One operator of a facility and the first day it ran it (null: since the facility was registered). */
export interface OperatorPeriod {
  operatorCompanyId: string;
  since: string | null;
}

/** What a reader keeps of a facility's snapshot to tell who ran it when. */
export interface FacilityOperators {
  operatorCompanyId: string;
  operators?: readonly OperatorPeriod[] | null;
}

/**
 * The company that operated the facility in the month starting `monthStart`
 * (an ISO date, the first of a month). Operators change only on the first day
 * of a month, so one company runs each month whole.
 */
export function operatorInMonth(facility: FacilityOperators, monthStart: string): string | null {
  const operators = facility.operators?.length
    ? facility.operators
    : [{ operatorCompanyId: facility.operatorCompanyId, since: null }];
  let operator: string | null = null;
  for (const { operatorCompanyId, since } of operators) {
    if (since !== null && since > monthStart) break;
    operator = operatorCompanyId;
  }
  return operator;
}

/** Of `monthStarts`, those in which `companyId` operated the facility. */
export function monthsOperatedBy(
  facility: FacilityOperators,
  companyId: string,
  monthStarts: readonly string[],
): string[] {
  return monthStarts.filter((month) => operatorInMonth(facility, month) === companyId);
}
