import type { ReactNode } from 'react';
import type { Role } from '@redmet/contracts/vocabulary';
import { useAuth } from '../auth/AuthProvider';
import { Empty } from '../common/States';
import { useI18n } from '../i18n/i18n';

/** The services refuse other roles anyway; this says so plainly instead of showing a screen of 403s. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { hasRole } = useAuth();
  const { t } = useI18n();
  if (!hasRole(...roles)) return <Empty title={t('error.notForRole')} />;
  return <>{children}</>;
}
