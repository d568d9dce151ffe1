import { type DragEvent, useRef, useState } from 'react';
import { ApiFailure, api, type User, uploadCall } from '../api';
import { Link, ResponseBadge, ScorePill } from '../components/ui';
import { useAsync } from '../hooks';
import { useSession } from '../session';

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.vtt,.srt,.txt,.json,.csv';

interface Item {
  key: string;
  file: File;
  state: 'queued' | 'uploading' | 'analysing' | 'done' | 'error';
  progress: number;
  message?: string;
  callId?: number;
  score?: number;
  worst?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

export function UploadPage() {
  const { user } = useSession();
  const users = useAsync(() => api.get<User[]>('/users'), []);
  const [repId, setRepId] = useState('');
  const [date, setDate] = useState(today());
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const update = (key: string, patch: Partial<Item>) =>
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it)));

  const send = async (item: Item) => {
    if (item.file.size > MAX_BYTES) {
      update(item.key, {
        state: 'error',
        message: `This file is ${(item.file.size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit. A one-hour call is about 60 KB of text.`,
      });
      return;
    }
    update(item.key, { state: 'uploading', progress: 0 });
    try {
      const call = await uploadCall(
        item.file,
        { repId: repId ? Number(repId) : undefined, date },
        (p) => update(item.key, { progress: p, state: p >= 1 ? 'analysing' : 'uploading' }),
      );
      const worst = (['walked-out', 'pitched-through', 'gave-up', 'caved'] as const).find(
        (k) => call.responses[k],
      );
      update(item.key, { state: 'done', progress: 1, callId: call.id, score: call.score, worst });
    } catch (e) {
      update(item.key, {
        state: 'error',
        message: e instanceof ApiFailure ? e.message : String(e),
      });
    }
  };

  const add = async (files: FileList | File[]) => {
    const fresh: Item[] = [...files].map((file) => ({
      key: `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`,
      file,
      state: 'queued',
      progress: 0,
    }));
    setItems((list) => [...fresh, ...list]);
    // One at a time: each upload is analysed on arrival, and the order stays readable.
    for (const item of fresh) await send(item);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) add(e.dataTransfer.files);
  };

  const reps = (users.data ?? []).filter((u) => u.role === 'rep' || u.id === user.id);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Upload calls</h1>
          <p className="muted">
            Zoom, Teams or Meet WebVTT, SRT, plain “Name: text”, timestamped or Otter text, JSON or
            CSV exports. Up to 5 MB per file. Nothing leaves this server.
          </p>
        </div>
      </div>
      <section className="card upload-options">
        <label>
          Salesperson
          <select value={repId} onChange={(e) => setRepId(e.target.value)}>
            <option value="">
              Infer from the speaker names{user.role === 'rep' ? ' (else me)' : ''}
            </option>
            {reps.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Call date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
      </section>
      <section
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        aria-label="Drop transcript files here"
      >
        <div className="drop-icon" aria-hidden="true">
          ⇪
        </div>
        <p>
          <strong>Drop transcript files here</strong>
        </p>
        <p className="muted">or</p>
        <button type="button" className="btn btn-primary" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          data-testid="file-input"
          onChange={(e) => {
            if (e.target.files) add(e.target.files);
            e.target.value = '';
          }}
        />
      </section>
      {items.length > 0 && (
        <section className="card">
          <ul className="upload-list">
            {items.map((it) => (
              <li key={it.key} className={`upload-item state-${it.state}`}>
                <div className="upload-name">
                  <strong>{it.file.name}</strong>
                  <span className="muted small">{(it.file.size / 1024).toFixed(1)} KB</span>
                </div>
                {(it.state === 'uploading' ||
                  it.state === 'analysing' ||
                  it.state === 'queued') && (
                  <div className="upload-progress">
                    <div className="meter">
                      <span style={{ width: `${Math.round(it.progress * 100)}%` }} />
                    </div>
                    <span className="muted small">
                      {it.state === 'queued'
                        ? 'Waiting…'
                        : it.state === 'analysing'
                          ? 'Analysing…'
                          : `${Math.round(it.progress * 100)}%`}
                    </span>
                  </div>
                )}
                {it.state === 'done' && it.callId && (
                  <div className="upload-done">
                    <ScorePill score={it.score ?? 0} />
                    {it.worst && <ResponseBadge kind={it.worst} />}
                    <Link to={`/calls/${it.callId}`}>Open the call →</Link>
                  </div>
                )}
                {it.state === 'error' && (
                  <div className="upload-error" role="alert">
                    {it.message}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
