import { type FormEvent, useState } from 'react';
import { ApiFailure, api, type User } from '../api';
import { ErrorBox } from '../components/ui';

export function LoginPage({ onSignedIn }: { onSignedIn(u: User): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.post<{ user: User }>('/auth/login', { email, password });
      onSignedIn(r.user);
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit}>
        <div className="brand brand-large">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          Walkpoint
        </div>
        <p className="muted">
          Find the moments your reps wanted to walk out, and coach what to ask instead.
        </p>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && <ErrorBox>{error}</ErrorBox>}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
