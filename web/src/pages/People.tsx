import { type FormEvent, useState } from 'react';
import {
  type ApiToken,
  api,
  type DeletedUser,
  failureMessage,
  type Role,
  request,
  type Team,
  type User,
} from '../api';
import { Empty, ErrorBox } from '../components/ui';
import { useAsync, useModalDialog } from '../hooks';
import { useSession } from '../session';

const ROLES: Role[] = ['rep', 'manager', 'admin'];

export function PeoplePage() {
  const { user } = useSession();
  const admin = user.role === 'admin';
  const users = useAsync(() => api.get<User[]>('/users'), []);
  const teams = useAsync(() => api.get<Team[]>('/teams'), []);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [asking, setAsking] = useState<{ action: AccessAction; user: User }>();
  const teamName = (id: number) => teams.data?.find((t) => t.id === id)?.name ?? `#${id}`;

  const patch = async (id: number, body: Partial<{ role: Role; teamIds: number[] }>) => {
    setError(undefined);
    try {
      await api.patch(`/users/${id}`, body);
      users.reload();
      teams.reload();
    } catch (e) {
      setError(failureMessage(e));
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>People</h1>
          <p className="muted">
            Reps see their own calls, managers their teams’ calls, admins everything.
          </p>
        </div>
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      {done && <div className="ok-box">{done}</div>}
      {asking && (
        <AccessDialog
          action={asking.action}
          target={asking.user}
          users={users.data ?? []}
          onClose={() => setAsking(undefined)}
          onDone={(text) => {
            setDone(text);
            setError(undefined);
            users.reload();
            teams.reload();
          }}
        />
      )}
      <section className="card table-card">
        <h2>Users</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Teams</th>
              {admin && <th>Access</th>}
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id} className={u.disabledAt ? 'user-disabled' : ''}>
                <td>
                  {u.name}
                  {u.disabledAt && (
                    <span
                      className="role role-disabled"
                      title={`Disabled ${u.disabledAt.slice(0, 10)}`}
                    >
                      disabled
                    </span>
                  )}
                </td>
                <td>{u.email}</td>
                <td>
                  {admin && u.id !== user.id ? (
                    <select
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      onChange={(e) => patch(u.id, { role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  ) : (
                    <span className={`role role-${u.role}`}>{u.role}</span>
                  )}
                </td>
                <td>
                  {admin ? (
                    <div className="team-checks">
                      {(teams.data ?? []).map((t) => (
                        <label key={t.id} className="check">
                          <input
                            type="checkbox"
                            checked={u.teamIds.includes(t.id)}
                            onChange={(e) =>
                              patch(u.id, {
                                teamIds: e.target.checked
                                  ? [...u.teamIds, t.id]
                                  : u.teamIds.filter((x) => x !== t.id),
                              })
                            }
                          />
                          {t.name}
                        </label>
                      ))}
                    </div>
                  ) : (
                    u.teamIds.map(teamName).join(', ') || <span className="muted">—</span>
                  )}
                </td>
                {admin && (
                  <td>
                    {u.id === user.id ? (
                      <span className="muted small">you</span>
                    ) : (
                      <div className="access-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() =>
                            setAsking({ action: u.disabledAt ? 'enable' : 'disable', user: u })
                          }
                        >
                          {u.disabledAt ? 'Enable' : 'Disable'}
                        </button>
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          onClick={() => setAsking({ action: 'delete', user: u })}
                        >
                          Delete
                        </button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {admin && (
        <div className="two-col">
          <NewUser teams={teams.data ?? []} onCreated={users.reload} />
          <Teams teams={teams.data ?? []} onCreated={teams.reload} />
        </div>
      )}
      {!admin && (
        <section className="card">
          <h2>Teams</h2>
          {(teams.data ?? []).map((t) => (
            <div key={t.id}>
              {t.name} <span className="muted">· {t.members} members</span>
            </div>
          ))}
        </section>
      )}
      {admin && <Tokens users={users.data ?? []} />}
      <OwnPassword />
    </div>
  );
}

/** Changing your own password: your other sessions end, this one stays. */
function OwnPassword() {
  const [form, setForm] = useState({ current: '', next: '' });
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setDone(undefined);
    try {
      await api.post('/auth/password', { currentPassword: form.current, newPassword: form.next });
      setForm({ current: '', next: '' });
      setDone('Password changed. You were signed out everywhere else.');
    } catch (err) {
      setError(failureMessage(err));
    }
  };
  return (
    <form className="card form" onSubmit={submit}>
      <h2>Your password</h2>
      <p className="muted small">Changing it signs you out on every other device.</p>
      <div className="form-row">
        <label>
          Current password
          <input
            type="password"
            autoComplete="current-password"
            value={form.current}
            onChange={(e) => setForm({ ...form, current: e.target.value })}
            required
          />
        </label>
        <NewPasswordField
          label="New password"
          value={form.next}
          onChange={(next) => setForm({ ...form, next })}
        />
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      {done && <div className="ok-box">{done}</div>}
      <button type="submit" className="btn">
        Change password
      </button>
    </form>
  );
}

type AccessAction = 'disable' | 'enable' | 'delete';

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Asks before disabling, enabling or deleting a user; on delete, where their calls go. */
function AccessDialog({
  action,
  target,
  users,
  onClose,
  onDone,
}: {
  action: AccessAction;
  target: User;
  users: User[];
  onClose(): void;
  onDone(message: string): void;
}) {
  const [reassignTo, setReassignTo] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ref = useModalDialog();
  const heirs = users.filter((u) => u.id !== target.id && !u.disabledAt);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      if (action === 'delete') {
        const to = reassignTo ? `?reassignTo=${reassignTo}` : '';
        const r = await request<DeletedUser>('DELETE', `/users/${target.id}${to}`);
        const heir = heirs.find((u) => u.id === r.reassignedTo)?.name;
        onDone(
          heir
            ? `Deleted ${target.name}; ${plural(r.callsReassigned, 'call')} moved to ${heir}.`
            : `Deleted ${target.name}; ${plural(r.callsKept, 'call')} kept under their teams.`,
        );
      } else {
        await api.post(`/users/${target.id}/${action}`);
        onDone(
          action === 'disable'
            ? `Disabled ${target.name}: signed out everywhere, cannot sign in, API tokens refused.`
            : `Enabled ${target.name}.`,
        );
      }
      onClose();
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const title = { disable: 'Disable', enable: 'Enable', delete: 'Delete' }[action];
  return (
    <dialog ref={ref} className="practice-dialog" aria-labelledby="access-title" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <h2 id="access-title">
          {title} {target.name}?
        </h2>
        {action === 'disable' && (
          <p>
            {target.name} is signed out everywhere at once, cannot sign in, and API tokens acting as
            them stop working. Their calls stay. You can enable them again later.
          </p>
        )}
        {action === 'enable' && (
          <p>{target.name} can sign in again, and API tokens acting as them work again.</p>
        )}
        {action === 'delete' && (
          <>
            <p>
              {target.name} is signed out everywhere and their API tokens are revoked. This cannot
              be undone. Notes and reviews they wrote stay, under their name.
            </p>
            <label>
              Their calls and deals
              <select value={reassignTo} onChange={(e) => setReassignTo(e.target.value)}>
                <option value="">Keep under their teams</option>
                {heirs.map((u) => (
                  <option key={u.id} value={u.id}>
                    Move to {u.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {error && <ErrorBox>{error}</ErrorBox>}
        <div className="practice-dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={`btn ${action === 'enable' ? 'btn-primary' : 'btn-danger'}`}
            disabled={busy}
          >
            {title}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function NewUser({ teams, onCreated }: { teams: Team[]; onCreated(): void }) {
  const [form, setForm] = useState({
    name: '',
    email: '',
    role: 'rep' as Role,
    password: '',
    team: '',
  });
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const u = await api.post<User>('/users', {
        name: form.name,
        email: form.email,
        role: form.role,
        password: form.password,
        teamIds: form.team ? [Number(form.team)] : [],
      });
      setDone(`Created ${u.name}.`);
      setForm({ name: '', email: '', role: 'rep', password: '', team: '' });
      onCreated();
    } catch (err) {
      setError(failureMessage(err));
    }
  };
  return (
    <form className="card form" onSubmit={submit}>
      <h2>Add a user</h2>
      <label>
        Name
        <input
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          required
        />
      </label>
      <label>
        Email
        <input
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          required
        />
      </label>
      <div className="form-row">
        <label>
          Role
          <select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Team
          <select value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <NewPasswordField
        label="Password"
        value={form.password}
        onChange={(password) => setForm({ ...form, password })}
      />
      {error && <ErrorBox>{error}</ErrorBox>}
      {done && <div className="ok-box">{done}</div>}
      <button type="submit" className="btn btn-primary">
        Add user
      </button>
    </form>
  );
}

function Teams({ teams, onCreated }: { teams: Team[]; onCreated(): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post('/teams', { name });
      setName('');
      onCreated();
    } catch (err) {
      setError(failureMessage(err));
    }
  };
  return (
    <form className="card form" onSubmit={submit}>
      <h2>Teams</h2>
      <ul className="plain-list">
        {teams.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong> <span className="muted">· {t.members} members</span>
          </li>
        ))}
      </ul>
      <label>
        New team
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      {error && <ErrorBox>{error}</ErrorBox>}
      <button type="submit" className="btn">
        Create team
      </button>
    </form>
  );
}

/** Copies `text` to the clipboard and says so; where the clipboard is refused, says to copy by hand. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small" onClick={copy}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      {state === 'failed' && (
        <span className="muted small" role="status">
          {' '}
          The browser refused the clipboard: select the token and copy it.
        </span>
      )}
      {state === 'copied' && (
        <span className="sr-only" role="status">
          Token copied to the clipboard.
        </span>
      )}
    </>
  );
}

function Tokens({ users }: { users: User[] }) {
  const tokens = useAsync(() => api.get<ApiToken[]>('/tokens'), []);
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const nameOf = (id: number) => users.find((u) => u.id === id)?.name ?? `#${id}`;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await api.post<{ token: string }>('/tokens', {
        name,
        ...(userId ? { userId: Number(userId) } : {}),
      });
      setSecret(r.token);
      setName('');
      tokens.reload();
    } catch (err) {
      setError(failureMessage(err));
    }
  };
  const revoke = async (id: number) => {
    try {
      await api.del(`/tokens/${id}`);
      tokens.reload();
    } catch (err) {
      setError(failureMessage(err));
    }
  };

  return (
    <section className="card">
      <h2>API tokens</h2>
      <p className="muted small">
        For integrations (a meeting tool, the CRM): send{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. The API is described at{' '}
        <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <form className="form-row token-form" onSubmit={create}>
        <input
          aria-label="Token name"
          placeholder="Token name, e.g. Zoom sync"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <select aria-label="Acts as" value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Acts as me</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              Acts as {u.name}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-primary">
          Create token
        </button>
      </form>
      {secret && (
        <div className="ok-box">
          Copy this token now; it will not be shown again: <code className="secret">{secret}</code>{' '}
          <CopyButton key={secret} text={secret} label="Copy token" />
        </div>
      )}
      {error && <ErrorBox>{error}</ErrorBox>}
      {tokens.data?.length === 0 && <Empty>No tokens yet.</Empty>}
      {tokens.data && tokens.data.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Acts as</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id} className={t.revokedAt ? 'revoked' : ''}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{nameOf(t.userId)}</td>
                <td>{t.createdAt.slice(0, 10)}</td>
                <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace('T', ' ') : '—'}</td>
                <td>
                  {t.revokedAt ? (
                    <span className="muted">revoked</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => revoke(t.id)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A new password: eight characters or more, as the server requires. */
function NewPasswordField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label>
      {label} (8 characters or more)
      <input
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        minLength={8}
      />
    </label>
  );
}
