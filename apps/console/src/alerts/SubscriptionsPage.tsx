import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/i18n';
import { EmailSubscriptions } from './EmailSubscriptions';
import { Webhooks } from './Webhooks';

/** Where alerts go besides the console: the user's own e-mail, and (administrators) other systems' webhooks. */
export function SubscriptionsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('subscriptions.title')}</h1>
          <p className="muted">{t('subscriptions.subtitle')}</p>
        </div>
      </div>
      <EmailSubscriptions />
      {hasRole('admin') ? <Webhooks /> : null}
    </div>
  );
}
