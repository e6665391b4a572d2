import { type ReactNode, Suspense } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { Loading } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { NAVIGATION } from './navigation';

/** The frame of every screen: brand, the role's sections, language, the user and sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, label } = useI18n();
  const { user, hasRole, signOut } = useAuth();
  const { pathname } = useLocation();
  const items = NAVIGATION.filter((item) => hasRole(...item.roles));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        {/* Ministry staff and admins have more sections than fit beside the brand: they get a row of their own. */}
        <div className={`header-inner${items.length > 7 ? ' has-long-nav' : ''}`}>
          <NavLink to="/" className="brand" aria-label={t('app.home')}>
            Redmet
          </NavLink>
          <nav className="nav" aria-label={t('nav.label')}>
            {items.map((item) => (
              <NavLink key={item.to} to={item.to} className="nav-link">
                {t(item.label)}
              </NavLink>
            ))}
          </nav>
          <div className="header-tools">
            <LanguageSwitch />
            <span className="user" title={user?.roles.map((role) => label('role', role)).join(', ')}>
              <span className="user-name">{user?.name ?? user?.userId}</span>
              <span className="user-role">{user?.roles.map((role) => label('role', role)).join(', ')}</span>
            </span>
            <button type="button" className="button button-small" onClick={() => void signOut()}>
              {t('action.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {/* Keyed by the address, so that going to another screen leaves a failed one behind. */}
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Loading />}>{children}</Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
