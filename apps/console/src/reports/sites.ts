import { useQuery } from '@tanstack/react-query';
import { allPages, registry } from '../api/registry';
import type { FacilityLifecycle, FacilityOperators } from '@redmet/contracts/vocabulary';

export interface Site {
  /** `facility:<id>` or `deposit:<id>`, the value of the site picker. */
  key: string;
  facilityId?: string;
  depositId?: string;
  name: string;
  kind: 'facility' | 'deposit';
  /** A plant's status, days and operators, to tell the periods it ran in for the company (`site-choice.ts`). */
  facility?: FacilityLifecycle & FacilityOperators;
}

export const siteKey = (facilityId?: string | null, depositId?: string | null) =>
  facilityId ? `facility:${facilityId}` : depositId ? `deposit:${depositId}` : '';

/**
 * What a company can report on: the plants it operates or operated before a hand-over (it reports the months it
 * ran them) and the deposits it holds licences for.
 */
export function useCompanySites(companyId: string | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'sites', companyId],
    enabled: !!companyId,
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Site[]> => {
      const id = companyId as string;
      const [facilities, licences] = await Promise.all([
        allPages((page) => registry.facilities({ operatedBy: id, page, pageSize: 200 })),
        allPages((page) => registry.licences({ holderCompanyId: id, page, pageSize: 200 })),
      ]);
      const depositIds = [
        ...new Set(licences.filter((licence) => licence.type !== 'exploration').map((l) => l.depositId)),
      ];
      const deposits = await Promise.all(depositIds.map((depositId) => registry.deposit(depositId)));
      return [
        ...facilities.map((facility): Site => ({
          key: siteKey(facility.id),
          facilityId: facility.id,
          name: facility.name,
          kind: 'facility',
          facility: {
            status: facility.status,
            statusSince: facility.statusSince,
            commissionedOn: facility.commissionedOn,
            operatorCompanyId: facility.operatorCompanyId,
            operators: facility.operators,
          },
        })),
        ...deposits.map((deposit): Site => ({
          key: siteKey(null, deposit.id),
          depositId: deposit.id,
          name: deposit.name,
          kind: 'deposit',
        })),
      ];
    },
  });
}
