import { type DragEvent, useRef, useState } from 'react';
import {
  ApiFailure,
  api,
  type CallDetail,
  type ImportStatus,
  importZip,
  type Job,
  type User,
  uploadInBackground,
} from '../api';
import { Link, ResponseBadge, ScorePill } from '../components/ui';
import { useAsync } from '../hooks';
import { useSession } from '../session';
import { worstResponse } from '../vocab';

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.vtt,.srt,.txt,.json,.csv,.zip';
/** How often a job or an import is asked how it is doing. */
const POLL_MS = 700;

interface Item {
  key: string;
  file: File;
  state: 'queued' | 'uploading' | 'analysing' | 'done' | 'error';
  progress: number;
  message?: string;
  callId?: number;
  score?: number;
  worst?: string;
  /** A zip's import, while and after its files are analysed. */
  imported?: ImportStatus;
  /** A failed file may be sent again: the rep picked for it on its row ('' infers again). */
  retryRep?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isZip = (file: File) => /\.zip$/i.test(file.name);

/** Asks `read` until `done` says the work has ended, reporting each answer. */
async function follow<T>(read: () => Promise<T>, done: (v: T) => boolean, each: (v: T) => void) {
  for (;;) {
    const v = await read();
    each(v);
    if (done(v)) return v;
    await sleep(POLL_MS);
  }
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

  const send = async (item: Item, rep: string = repId) => {
    if (item.file.size > MAX_BYTES) {
      update(item.key, {
        state: 'error',
        message: `This file is ${(item.file.size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit. A one-hour call is about 60 KB of text.`,
      });
      return;
    }
    update(item.key, { state: 'uploading', progress: 0, message: undefined, retryRep: undefined });
    const fields = { repId: rep ? Number(rep) : undefined, date };
    // Sending counts for the first tenth of the bar, analysing for the rest.
    const sending = (p: number) =>
      update(item.key, { progress: p * 0.1, state: p >= 1 ? 'analysing' : 'uploading' });
    try {
      if (isZip(item.file)) {
        const started = await importZip(item.file, fields, sending);
        const imported = await follow(
          () => api.get<ImportStatus>(`/imports/${started.id}`),
          (i) => i.finished,
          (i) =>
            update(item.key, {
              state: 'analysing',
              imported: i,
              progress: 0.1 + (0.9 * (i.stored + i.existing + i.failed)) / Math.max(1, i.total),
            }),
        );
        update(item.key, { state: 'done', progress: 1, imported });
        return;
      }
      const queued = await uploadInBackground(item.file, fields, sending);
      const job = await follow(
        () => api.get<Job>(`/jobs/${queued.id}`),
        (j) => j.status === 'done' || j.status === 'failed',
        (j) => update(item.key, { state: 'analysing', progress: 0.1 + 0.9 * j.progress }),
      );
      if (job.status === 'failed' || job.callId === null) {
        update(item.key, {
          state: 'error',
          message: job.error?.message ?? 'The analysis failed.',
          retryRep: rep,
        });
        return;
      }
      const call = await api.get<CallDetail>(`/calls/${job.callId}`);
      const worst = worstResponse(call.responses, { failuresOnly: true });
      update(item.key, { state: 'done', progress: 1, callId: call.id, score: call.score, worst });
    } catch (e) {
      update(item.key, {
        state: 'error',
        message: e instanceof ApiFailure ? e.message : String(e),
        retryRep: isZip(item.file) ? undefined : rep,
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
    // One at a time: the order stays readable, and one person's batch does not crowd the workers.
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
            CSV exports, or a .zip of them. Up to 5 MB per file. Nothing leaves this server.
          </p>
        </div>
      </div>
      <section className="card upload-options">
        <label>
          Salesperson
          <select value={repId} onChange={(e) => setRepId(e.target.value)}>
            <RepOptions reps={reps} self={user.role === 'rep'} />
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
                          ? it.imported
                            ? importLine(it.imported)
                            : 'Analysing…'
                          : `${Math.round(it.progress * 100)}%`}
                    </span>
                  </div>
                )}
                {it.state === 'done' && it.imported && (
                  <div className="upload-done">
                    <span>{importLine(it.imported)}</span>
                    <Link to="/calls">Open the calls →</Link>
                  </div>
                )}
                {it.imported && it.imported.failures.length > 0 && (
                  <ul className="upload-error" role="alert">
                    {it.imported.failures.map((f) => (
                      <li key={f.jobId}>
                        {f.reason.startsWith(f.file) ? f.reason : `${f.file}: ${f.reason}`}
                      </li>
                    ))}
                  </ul>
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
                {it.state === 'error' && it.retryRep !== undefined && (
                  <div className="upload-retry">
                    <label>
                      Salesperson
                      <select
                        aria-label={`Salesperson for ${it.file.name}`}
                        value={it.retryRep}
                        onChange={(e) => update(it.key, { retryRep: e.target.value })}
                      >
                        <RepOptions reps={reps} self={user.role === 'rep'} />
                      </select>
                    </label>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => send(it, it.retryRep ?? '')}
                      aria-label={`Retry ${it.file.name}`}
                    >
                      Retry
                    </button>
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

/** An import's state in words: "12 of 40 files analysed, 9 stored, 1 already stored, 2 failed". */
function importLine(i: ImportStatus): string {
  const done = i.stored + i.existing + i.failed;
  return `${done} of ${i.total} files analysed: ${i.stored} stored, ${i.existing} already stored, ${i.failed} failed`;
}

/** The salesperson choices of an upload (the form's, and a failed file's retry). */
function RepOptions({ reps, self }: { reps: { id: number; name: string }[]; self: boolean }) {
  return (
    <>
      <option value="">Infer from the speaker names{self ? ' (else me)' : ''}</option>
      {reps.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </>
  );
}
