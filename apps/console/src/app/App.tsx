import { type ComponentType, lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { Role } from '@redmet/contracts/vocabulary';
import { networkError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { LoginPage } from '../auth/LoginPage';
import { ErrorState, Loading } from '../common/States';
import { homeFor } from './navigation';
import { RequireRole } from './RequireRole';
import { Shell } from './Shell';

/**
 * Each screen is its own chunk: a producer never downloads the charts or the map until asked.
 * A chunk that cannot be fetched (offline, or replaced by a newer build) fails as the network does.
 */
function page<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => {
    const module = await load().catch(() => {
      throw networkError();
    });
    return { default: module[name] as ComponentType };
  });
}

const CompanyPage = page(() => import('../registry/CompanyPage'), 'CompanyPage');
const RegistryPage = page(() => import('../registry/RegistryPage'), 'RegistryPage');
const FacilityPage = page(() => import('../registry/FacilityPage'), 'FacilityPage');
const ReportsPage = page(() => import('../reports/ReportsPage'), 'ReportsPage');
const ReportFormPage = page(() => import('../reports/ReportFormPage'), 'ReportFormPage');
const UploadPage = page(() => import('../reports/UploadPage'), 'UploadPage');
const ReportPage = page(() => import('../reports/ReportPage'), 'ReportPage');
const ClaimsPage = page(() => import('../claims/ClaimsPage'), 'ClaimsPage');
const ClaimFormPage = page(() => import('../claims/ClaimFormPage'), 'ClaimFormPage');
const ClaimPage = page(() => import('../claims/ClaimPage'), 'ClaimPage');
const QueuePage = page(() => import('../review/QueuePage'), 'QueuePage');
const ReviewPage = page(() => import('../review/ReviewPage'), 'ReviewPage');
const TargetsPage = page(() => import('../targets/TargetsPage'), 'TargetsPage');
const OutputPage = page(() => import('../targets/OutputPage'), 'OutputPage');
const ImportsPage = page(() => import('../targets/ImportsPage'), 'ImportsPage');
const SubsidyPage = page(() => import('../targets/SubsidyPage'), 'SubsidyPage');
const TradePage = page(() => import('../targets/TradePage'), 'TradePage');
const ExportCheckPage = page(() => import('../targets/ExportCheckPage'), 'ExportCheckPage');
const AlertsPage = page(() => import('../alerts/AlertsPage'), 'AlertsPage');
const AlertPage = page(() => import('../alerts/AlertPage'), 'AlertPage');
const SilencesPage = page(() => import('../alerts/SilencesPage'), 'SilencesPage');
const SubscriptionsPage = page(() => import('../alerts/SubscriptionsPage'), 'SubscriptionsPage');
const MapPage = page(() => import('../map/MapPage'), 'MapPage');

// An admin is not every role: it reads claims and figures and acts on alerts, but files nothing for a company.
const PRODUCER: Role[] = ['producer'];
const OFFICERS: Role[] = ['subsidy_officer', 'finance_officer', 'admin'];
const MINISTRY: Role[] = ['ministry_analyst', 'admin'];
const STAFF: Role[] = ['registry_admin', 'ministry_analyst', 'subsidy_officer', 'finance_officer', 'admin'];

const ROUTES: { path: string; roles: Role[]; Page: ComponentType }[] = [
  { path: '/company', roles: PRODUCER, Page: CompanyPage },
  { path: '/reports', roles: PRODUCER, Page: ReportsPage },
  { path: '/reports/new', roles: PRODUCER, Page: ReportFormPage },
  { path: '/reports/upload', roles: PRODUCER, Page: UploadPage },
  { path: '/reports/:reportId', roles: [...PRODUCER, ...STAFF], Page: ReportPage },
  { path: '/reports/:reportId/edit', roles: PRODUCER, Page: ReportFormPage },
  { path: '/claims', roles: PRODUCER, Page: ClaimsPage },
  { path: '/claims/new', roles: PRODUCER, Page: ClaimFormPage },
  { path: '/claims/:claimId', roles: PRODUCER, Page: ClaimPage },
  { path: '/claims/:claimId/edit', roles: PRODUCER, Page: ClaimFormPage },
  { path: '/review', roles: OFFICERS, Page: QueuePage },
  { path: '/review/:claimId', roles: OFFICERS, Page: ReviewPage },
  { path: '/targets', roles: MINISTRY, Page: TargetsPage },
  { path: '/output', roles: MINISTRY, Page: OutputPage },
  { path: '/imports', roles: MINISTRY, Page: ImportsPage },
  { path: '/subsidy', roles: MINISTRY, Page: SubsidyPage },
  { path: '/alerts', roles: MINISTRY, Page: AlertsPage },
  { path: '/alerts/:alertId', roles: MINISTRY, Page: AlertPage },
  { path: '/silences', roles: MINISTRY, Page: SilencesPage },
  { path: '/subscriptions', roles: MINISTRY, Page: SubscriptionsPage },
  { path: '/trade', roles: MINISTRY, Page: TradePage },
  { path: '/export-check', roles: MINISTRY, Page: ExportCheckPage },
  { path: '/registry', roles: STAFF, Page: RegistryPage },
  // Staff read a plant's history; its forms are for registry admins and admins (the registry's roles for changes).
  { path: '/registry/facilities/:facilityId', roles: STAFF, Page: FacilityPage },
  { path: '/map', roles: [...PRODUCER, ...STAFF], Page: MapPage },
];

export function App() {
  const { user, lapsed, loading, error } = useAuth();
  if (loading) return <Loading />;
  if (!user) {
    return error ? (
      <main className="login">
        <ErrorState error={error} onRetry={() => window.location.reload()} />
        <LoginPage />
      </main>
    ) : (
      <LoginPage />
    );
  }
  // A lapsed session keeps the page (what was typed, where one was) under the sign-in; each user gets a fresh one.
  return (
    <>
      <div inert={lapsed}>
        <Shell key={user.userId}>
          <Routes>
            <Route path="/" element={<Navigate to={homeFor(user.roles)} replace />} />
            {ROUTES.map(({ path, roles, Page }) => (
              <Route
                key={path}
                path={path}
                element={
                  <RequireRole roles={roles}>
                    <Page />
                  </RequireRole>
                }
              />
            ))}
            <Route path="*" element={<Navigate to={homeFor(user.roles)} replace />} />
          </Routes>
        </Shell>
      </div>
      {lapsed ? <LoginPage lapsed /> : null}
    </>
  );
}
