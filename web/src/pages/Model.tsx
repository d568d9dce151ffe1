/**
 * The model page (admins): the model versions, retraining on the managers' corrections, the
 * before/after evaluation, activating a version or rolling back to the shipped model.
 */
import { useEffect, useState } from 'react';
import { failureMessage, type ModelEvaluationRow, type ModelVersion, models } from '../api';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { useAsync } from '../hooks';
import { useSession } from '../session';
import { percent } from '../vocab';

/** How often the page asks while a model trains. */
const POLL_MS = 2000;

const when = (iso: string) => new Date(iso).toLocaleString();

export function ModelPage() {
  const { user } = useSession();
  const versions = useAsync(() => models.list(), []);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const list = versions.data ?? [];
  const training = list.some((v) => v.status === 'training');

  // Progress comes from the server: ask again while a training runs, stop when it ends.
  useEffect(() => {
    if (!training) return;
    const t = setInterval(versions.reload, POLL_MS);
    return () => clearInterval(t);
  }, [training, versions.reload]);

  if (user.role !== 'admin') {
    return (
      <div className="page">
        <ErrorBox>Only an admin can retrain or change the model.</ErrorBox>
      </div>
    );
  }

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(failureMessage(e));
    } finally {
      setBusy(false);
      versions.reload();
    }
  };

  const active = list.find((v) => v.active);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Model</h1>
          <p className="muted">
            The engine reads calls with a trained model. Retrain it on your managers’ corrections,
            compare it with the one in use, then activate it: calls analysed from then on are read
            with it, while stored calls keep the model that read them until they are analysed again
            (each call shows its model). The shipped model stays the fallback, one click away.
          </p>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || training || !versions.data}
          onClick={() => act(() => models.retrain())}
        >
          {training ? 'Training…' : 'Retrain on corrections'}
        </button>
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      {versions.error && <ErrorBox>{versions.error}</ErrorBox>}
      {!versions.data && !versions.error && <Loading />}
      {active && (
        <p>
          In use: <strong>{active.label}</strong>
        </p>
      )}
      {versions.data && list.length === 0 && <Empty>No models yet.</Empty>}
      <ul className="model-list">
        {/* newest first, the shipped model last: the server's order */}
        {list.map((v) => (
          <li key={v.id} className={`card model-version${v.active ? ' active' : ''}`}>
            <div className="model-head">
              <div>
                <h2 className="model-title">{v.label}</h2>
                <div className="muted small">
                  {v.id === 'shipped'
                    ? 'Comes with Walkpoint'
                    : `Started ${when(v.createdAt)}${v.createdBy ? ` by ${v.createdBy}` : ''}${trainedOn(v)}`}
                </div>
              </div>
              <ModelAction
                version={v}
                busy={busy}
                onActivate={() => act(() => models.activate(v.id))}
              />
            </div>
            {v.status === 'training' && (
              <div className="model-progress" role="status">
                <div className="meter">
                  <span style={{ width: percent(v.progress ?? 0) }} />
                </div>
                <span className="small">
                  Training… {v.progress !== null ? percent(v.progress) : ''}
                </span>
              </div>
            )}
            {v.status === 'failed' && (
              <ErrorBox>Training failed: {v.error ?? 'no reason was recorded.'}</ErrorBox>
            )}
            {v.evaluation && v.evaluation.length > 0 && <Evaluation rows={v.evaluation} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The counts are known once it has trained. */
function trainedOn(v: ModelVersion): string {
  return v.status === 'ready'
    ? ` · trained on ${v.corrections} corrections, ${v.heldOut} held out to test it`
    : '';
}

function ModelAction({
  version: v,
  busy,
  onActivate,
}: {
  version: ModelVersion;
  busy: boolean;
  onActivate(): void;
}) {
  if (v.active) return <span className="badge tone-good">In use</span>;
  if (v.status !== 'ready') return null;
  return (
    <button type="button" className="btn" disabled={busy} onClick={onActivate}>
      {v.id === 'shipped' ? 'Roll back to the shipped model' : 'Activate'}
    </button>
  );
}

/** Before (the model in use when it was trained) and after (this one), per set and measure. */
function Evaluation({ rows }: { rows: ModelEvaluationRow[] }) {
  const fmt = (x: number) => x.toFixed(2);
  return (
    <div className="table-scroll">
      <table className="table compact evaluation">
        <caption className="muted small">
          Before: the model in use when this one was trained. After: this one. Held-out corrections
          were kept out of its training.
        </caption>
        <thead>
          <tr>
            <th>Tested on</th>
            <th>Measure</th>
            <th>Before</th>
            <th>After</th>
            <th>Change</th>
            <th>Count</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const d = r.after - r.before;
            return (
              <tr key={`${r.set}-${r.measure}`}>
                <td>{r.set}</td>
                <td>{r.measure}</td>
                <td>{fmt(r.before)}</td>
                <td>{fmt(r.after)}</td>
                <td className={d > 0.005 ? 'up' : d < -0.005 ? 'down' : 'muted'}>
                  {d > 0 ? '+' : ''}
                  {fmt(d)}
                </td>
                <td>{r.n}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
