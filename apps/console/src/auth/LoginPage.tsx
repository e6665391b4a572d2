import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/problem';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { useI18n } from '../i18n/i18n';
import { useAuth } from './AuthProvider';

/** The sign-in; `lapsed`: over the page of a session that ended, which signing in again returns to. */
export function LoginPage({ lapsed = false }: { lapsed?: boolean }) {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      setError(caught);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const errors = useFormErrors(error);

  return (
    <main className={lapsed ? 'login login-lapsed' : 'login'}>
      <div
        className="login-card"
        role={lapsed ? 'dialog' : undefined}
        aria-modal={lapsed || undefined}
        aria-labelledby="login-title"
      >
        <div className="login-head">
          <div>
            <p className="brand brand-large">Redmet</p>
            <p className="muted">{t('app.tagline')}</p>
          </div>
          <LanguageSwitch />
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        {lapsed ? <p className="notice notice-info small">{t('login.lapsed')}</p> : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field label={t('login.username')} errors={errors.of('username')}>
            <input
              name="username"
              autoComplete="username"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              required
              autoFocus
            />
          </Field>
          <Field label={t('login.password')} errors={errors.of('password')}>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
            />
          </Field>
          <FormErrors
            messages={error instanceof ApiError && error.status === 401 ? [t('login.invalid')] : errors.rest()}
          />
          <button type="submit" className="button button-primary button-wide" disabled={busy || !username || !password}>
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
