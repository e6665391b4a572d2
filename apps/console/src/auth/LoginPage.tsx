import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/problem';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { useI18n } from '../i18n/i18n';
import { useAuth } from './AuthProvider';

export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : null);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const errors = useFormErrors(error);

  return (
    <main className="login">
      <div className="login-card">
        <div className="login-head">
          <div>
            <p className="brand brand-large">Redmet</p>
            <p className="muted">{t('app.tagline')}</p>
          </div>
          <LanguageSwitch />
        </div>
        <h1>{t('login.title')}</h1>
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
          <FormErrors messages={error?.status === 401 ? [t('login.invalid')] : errors.rest()} />
          <button type="submit" className="button button-primary button-wide" disabled={busy || !username || !password}>
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
