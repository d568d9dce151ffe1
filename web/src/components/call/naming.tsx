/** The call page's heading: the call's title and account, renamed in place. */
import { type FormEvent, useState } from 'react';
import { api, type CallDetail, failureMessage } from '../../api';
import { ErrorBox } from '../ui';

export function CallName({ call, onSaved }: { call: CallDetail; onSaved(): void }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(call.title);
  const [account, setAccount] = useState(call.account ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const open = () => {
    setTitle(call.title);
    setAccount(call.account ?? '');
    setError(undefined);
    setEditing(true);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/calls/${call.id}`, { title: title.trim(), account: account.trim() });
      setEditing(false);
      onSaved();
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <div className="call-name">
        <h1>{call.title}</h1>
        <p className="call-account">
          {call.account ? (
            <span>{call.account}</span>
          ) : (
            <span className="muted">No account named</span>
          )}
          <button type="button" className="btn btn-small btn-link" onClick={open}>
            Rename
          </button>
        </p>
      </div>
    );
  }
  return (
    <form className="call-name-form" onSubmit={save} aria-label="Name this call">
      <label>
        Title
        <input
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          // biome-ignore lint/a11y/noAutofocus: the form opens to be typed in
          autoFocus
        />
      </label>
      <label>
        Account <span className="muted small">(the prospect's company)</span>
        <input
          value={account}
          maxLength={120}
          placeholder="e.g. Northwind Traders"
          onChange={(e) => setAccount(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        />
      </label>
      {error && <ErrorBox>{error}</ErrorBox>}
      <div className="row-actions">
        <button
          type="submit"
          className="btn btn-primary btn-small"
          disabled={busy || !title.trim()}
        >
          Save
        </button>
        <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
