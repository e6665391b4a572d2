import { useQuery } from '@tanstack/react-query';
import { allPages, type ChangedBy, type Product, registry } from '../api/registry';
import { useI18n } from '../i18n/i18n';
import { authorName, isPerson } from './authors';

const LONG = 5 * 60_000;

/** The whole catalogue, loaded once: pickers and names of product codes. */
export function useProducts() {
  return useQuery({
    queryKey: ['registry', 'products', 'all'],
    queryFn: () => allPages((page) => registry.products({ page, pageSize: 200 })),
    staleTime: LONG,
  });
}

export function useProductMap(): Map<string, Product> {
  const products = useProducts();
  return new Map((products.data ?? []).map((product) => [product.code, product]));
}

/** Every company, loaded once: the hand-over form's picker of the company taking a plant over. */
export function useCompanies() {
  return useQuery({
    queryKey: ['registry', 'companies', 'all'],
    queryFn: () => allPages((page) => registry.companies({ page, pageSize: 200 })),
    staleTime: LONG,
  });
}

export function useCompany(id: string | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'company', id],
    queryFn: () => registry.company(id as string),
    enabled: !!id,
    staleTime: LONG,
  });
}

export function useDeposit(id: string | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'deposit', id],
    queryFn: () => registry.deposit(id as string),
    enabled: !!id,
    staleTime: LONG,
  });
}

export function useFacility(id: string | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'facility', id],
    queryFn: () => registry.facility(id as string),
    enabled: !!id,
    staleTime: LONG,
  });
}

export function useLicence(id: string | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'licence', id],
    queryFn: () => registry.licence(id as string),
    enabled: !!id,
    staleTime: LONG,
  });
}

/** A name for an id, with the id itself while it loads or when the registry does not know it. */
function Named({ name, id }: { name: string | undefined; id: string }) {
  return name ? <span title={id}>{name}</span> : <span className="mono muted">{id.slice(0, 8)}…</span>;
}

export function CompanyName({ id }: { id: string }) {
  return <Named id={id} name={useCompany(id).data?.legalName} />;
}

export function DepositName({ id }: { id: string }) {
  return <Named id={id} name={useDeposit(id).data?.name} />;
}

export function FacilityName({ id }: { id: string }) {
  return <Named id={id} name={useFacility(id).data?.name} />;
}

export function LicenceNumber({ id }: { id: string }) {
  return <Named id={id} name={useLicence(id).data?.number} />;
}

/** Who made a registry change (authors.ts); anyone but a person in grey. */
export function AuthorName({ by }: { by: ChangedBy }) {
  const { t } = useI18n();
  return <span className={isPerson(by) ? undefined : 'muted'}>{authorName(by, t)}</span>;
}

/** A report's or obligation's site: its facility, or its deposit. */
export function SiteName({ facilityId, depositId }: { facilityId: string | null; depositId: string | null }) {
  const { t } = useI18n();
  if (facilityId) return <FacilityName id={facilityId} />;
  if (depositId) return <DepositName id={depositId} />;
  return <span className="muted">{t('common.none')}</span>;
}

export function ProductName({ code }: { code: string }) {
  const product = useProductMap().get(code);
  return (
    <span title={code}>
      {product ? product.name : code} <span className="muted small">{code}</span>
    </span>
  );
}
