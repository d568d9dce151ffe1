/** Coaching on a moment: the reviewed mark and the notes, which their author can edit or delete. */
import { type FormEvent, useState } from 'react';
import { api, failureMessage, type Note, notes as notesApi, type StoredMoment } from '../../api';
import { useAsync } from '../../hooks';
import { useSession } from '../../session';
import { DraftBox, ErrorBox } from '../ui';

export function Coaching({
  stored,
  coach,
  reviewed,
  onReviewed,
  onChanged,
}: {
  stored: StoredMoment;
  coach: boolean;
  /** The reviewed mark as the page shows it (set at once on a click, before the server answers). */
  reviewed: boolean;
  /** Shows the mark everywhere on the page at once (and puts it back if the server refuses). */
  onReviewed(on: boolean): void;
  onChanged(): void;
}) {
  const notes = useAsync(() => api.get<Note[]>(`/moments/${stored.id}/notes`), [stored.id]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/moments/${stored.id}/notes`, { body });
      setBody('');
      notes.reload();
      onChanged();
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // Shown at once, on the panel and the moment strip; put back if the server refuses.
  const review = async (on: boolean) => {
    setError(undefined);
    onReviewed(on);
    try {
      await api.patch(`/moments/${stored.id}`, { reviewed: on });
      onChanged();
    } catch (err) {
      onReviewed(!on);
      setError(failureMessage(err));
    }
  };

  return (
    <div className="panel-section coaching">
      <div className="eyebrow">Coaching</div>
      {coach ? (
        <label className="check">
          <input type="checkbox" checked={reviewed} onChange={(e) => review(e.target.checked)} />
          Reviewed
        </label>
      ) : (
        reviewed && <p className="muted small">Reviewed by your manager.</p>
      )}
      {notes.error && <ErrorBox>{notes.error}</ErrorBox>}
      <ul className="notes">
        {(notes.data ?? []).map((n) => (
          <NoteItem
            key={n.id}
            note={n}
            onChanged={() => {
              notes.reload();
              onChanged();
            }}
          />
        ))}
        {notes.data?.length === 0 && <li className="muted small">No notes yet.</li>}
      </ul>
      {coach && (
        <form onSubmit={add} className="note-form">
          <textarea
            aria-label="Coaching note"
            placeholder="A coaching note on this moment…"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={3}
            maxLength={4000}
          />
          {error && <ErrorBox>{error}</ErrorBox>}
          <button
            type="submit"
            className="btn btn-primary btn-small"
            disabled={busy || !body.trim()}
          >
            Add note
          </button>
        </form>
      )}
    </div>
  );
}

/** One note; its author edits it in place and deletes it after a confirmation. */
function NoteItem({ note, onChanged }: { note: Note; onChanged(): void }) {
  const { user } = useSession();
  const mine = note.authorId === user.id;
  const [mode, setMode] = useState<'read' | 'edit' | 'delete'>('read');
  const [draft, setDraft] = useState(note.body);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      setMode('read');
      onChanged();
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    run(() => notesApi.edit(note.id, draft.trim()));
  };

  return (
    <li className="note">
      <div className="note-head">
        <strong>{note.authorName}</strong>
        <span className="muted small">{new Date(note.createdAt).toLocaleString()}</span>
      </div>
      {mode === 'edit' ? (
        <form className="note-form" onSubmit={save}>
          <DraftBox
            label="Edit the note"
            value={draft}
            onChange={setDraft}
            onCancel={() => setMode('read')}
            rows={3}
          />
          <div className="row-actions">
            <button
              type="submit"
              className="btn btn-primary btn-small"
              disabled={busy || !draft.trim() || draft.trim() === note.body}
            >
              Save note
            </button>
            <button type="button" className="btn btn-small" onClick={() => setMode('read')}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p>{note.body}</p>
      )}
      {mode === 'delete' && (
        <div className="row-actions confirm" role="alert">
          <span className="small">Delete this note for everyone?</span>
          <button
            type="button"
            className="btn btn-danger btn-small"
            disabled={busy}
            onClick={() => run(() => notesApi.remove(note.id))}
          >
            Delete note
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('read')}>
            Keep it
          </button>
        </div>
      )}
      {mine && mode === 'read' && (
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => {
              setDraft(note.body);
              setMode('edit');
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setMode('delete')}
          >
            Delete
          </button>
        </div>
      )}
      {error && <ErrorBox>{error}</ErrorBox>}
    </li>
  );
}
