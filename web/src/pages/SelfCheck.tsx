/**
 * The mindset self-check: twelve statements answered 1-5 (or skipped), the three subscales with
 * their bands, the latest take set beside what the user did on their calls, and the history.
 */
import { type FormEvent, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import {
  type SelfCheckComparison,
  type SelfCheckEntry,
  type SelfCheckForm,
  selfCheck,
} from '../api';
import { Chart } from '../components/Chart';
import { Empty, ErrorBox, Loading, MixBar } from '../components/ui';
import { useAsync } from '../hooks';
import { selfCheckProgress } from '../selfcheck';

const BAND_TONE: Record<string, string> = { low: 'good', watch: 'soft', coach: 'hard' };
const GAP_LABEL: Record<string, string> = {
  overrates: 'Rates self better than calls show',
  underrates: 'Better on calls than they think',
  consistent: 'Matches the calls',
  'too-few': 'Too few moments',
};
const GAP_TONE: Record<string, string> = {
  overrates: 'hard',
  underrates: 'good',
  consistent: 'none',
  'too-few': 'none',
};
const SERIES_COLORS = ['#1d4ed8', '#d97706', '#7e22ce'];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function SelfCheckPage() {
  const form = useAsync(() => selfCheck.form(), []);
  const history = useAsync(() => selfCheck.history(), []);
  const latest = history.data?.at(-1);
  const comparison = useAsync(
    () => (latest ? selfCheck.comparison() : Promise.resolve(undefined)),
    [latest?.id],
  );

  return (
    <div className="page selfcheck-page">
      <div className="page-head">
        <div>
          <h1>Mindset self-check</h1>
          <p className="muted">
            Twelve statements on need for approval, fear of loss and avoiding tough questions.
            Answer how you really are on calls; skip any you cannot answer. Higher means more of the
            problem.
          </p>
        </div>
      </div>
      {form.error && <ErrorBox>{form.error}</ErrorBox>}
      {!form.data && !form.error && <Loading />}
      <div className="selfcheck-grid">
        {form.data && <Statements form={form.data} onTaken={() => history.reload()} />}
        <div className="selfcheck-side">
          {latest ? (
            <Result entry={latest} />
          ) : (
            history.data && <Empty>Take the self-check to see your result.</Empty>
          )}
          {latest && comparison.data && <Comparison c={comparison.data} />}
          {comparison.error && <ErrorBox>{comparison.error}</ErrorBox>}
          {history.data && history.data.length > 0 && <History entries={history.data} />}
        </div>
      </div>
    </div>
  );
}

function Statements({ form, onTaken }: { form: SelfCheckForm; onTaken(): void }) {
  const [answers, setAnswers] = useState<(number | null | undefined)[]>(() =>
    form.items.map(() => undefined),
  );
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const values = Array.from(
    { length: form.scale.max - form.scale.min + 1 },
    (_, i) => form.scale.min + i,
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(undefined);
    try {
      // Anything not chosen is a skip: reported as unanswered, never scored as zero.
      const entry = await selfCheck.submit(answers.map((a) => a ?? null));
      const skipped = entry.result.unanswered;
      setSaved(
        skipped.length > 0
          ? `Saved. Unanswered: statement ${skipped.join(', ')} (left out of the scores).`
          : 'Saved.',
      );
      onTaken();
    } catch (err) {
      setError(message(err));
    }
  };

  const set = (i: number, v: number | null) =>
    setAnswers((old) => old.map((a, j) => (j === i ? v : a)));

  return (
    <form className="card selfcheck-form" onSubmit={submit}>
      <div className="selfcheck-scale muted small">
        {values.map((v, i) => (
          <span key={v}>
            {v} {form.scale.labels[i]}
          </span>
        ))}
      </div>
      <ol className="selfcheck-items">
        {form.items.map((item, i) => (
          <li key={item.n} className="selfcheck-item">
            <fieldset>
              <legend>
                <span className="selfcheck-n">{item.n}.</span> {item.text}
              </legend>
              <div className="selfcheck-choices">
                {values.map((v, k) => (
                  <label key={v} className="selfcheck-choice" title={form.scale.labels[k]}>
                    <input
                      type="radio"
                      name={`item-${item.n}`}
                      checked={answers[i] === v}
                      onChange={() => set(i, v)}
                      aria-label={`Statement ${item.n}: ${v} (${form.scale.labels[k]})`}
                    />
                    <span>{v}</span>
                  </label>
                ))}
                <label className="selfcheck-choice selfcheck-skip">
                  <input
                    type="radio"
                    name={`item-${item.n}`}
                    checked={answers[i] === null}
                    onChange={() => set(i, null)}
                    aria-label={`Statement ${item.n}: skip`}
                  />
                  <span>skip</span>
                </label>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {error && <ErrorBox>{error}</ErrorBox>}
      {saved && <div className="ok-box">{saved}</div>}
      <div className="selfcheck-submit">
        <button type="submit" className="btn btn-primary">
          Score my self-check
        </button>
        <span className="muted small">{selfCheckProgress(answers)}</span>
      </div>
    </form>
  );
}

function Result({ entry }: { entry: SelfCheckEntry }) {
  return (
    <section className="card selfcheck-result" aria-label="Result">
      <h2>Your result</h2>
      <p className="muted small">Taken {new Date(entry.takenAt).toLocaleString()}</p>
      <div className="selfcheck-subscales">
        {entry.result.subscales.map((s) => (
          <div key={s.id} className="selfcheck-subscale">
            <div className="selfcheck-subscale-label">{s.label}</div>
            <div className="selfcheck-subscale-score">
              {s.score === null ? '—' : s.score.toFixed(2)}
            </div>
            {s.band && (
              <span className={`badge tone-${BAND_TONE[s.band] ?? 'none'}`}>{s.band}</span>
            )}
            {!s.complete && (
              <div className="muted small">
                {s.answered} of {s.items} answered
              </div>
            )}
          </div>
        ))}
      </div>
      {entry.result.unanswered.length > 0 && (
        <p className="small selfcheck-unanswered">
          Unanswered: statement {entry.result.unanswered.join(', ')}. Left out of the scores, not
          counted as zero.
        </p>
      )}
      <p className="muted small">Bands: low under 2.5, watch under 3.5, coach from 3.5.</p>
    </section>
  );
}

function Comparison({ c }: { c: SelfCheckComparison }) {
  return (
    <section className="card selfcheck-compare" aria-label="Compared with your calls">
      <h2>Compared with your calls</h2>
      {c.calls === 0 ? (
        <p className="muted">No calls of yours are stored yet; upload some to compare.</p>
      ) : (
        <>
          <p className="small">
            {c.moments} walk-point moments on {c.calls} of your calls. What you did:
          </p>
          <MixBar mix={c.mix} wide />
          <ul className="selfcheck-gaps">
            {c.gaps
              .filter((g) => g.kind !== 'too-few')
              .map((g) => (
                <li key={g.item}>
                  <span className={`badge tone-${GAP_TONE[g.kind]}`}>{GAP_LABEL[g.kind]}</span>{' '}
                  {g.text}
                </li>
              ))}
          </ul>
          {c.gaps.every((g) => g.kind === 'too-few') && (
            <p className="muted small">Too few moments on your calls to compare any statement.</p>
          )}
        </>
      )}
    </section>
  );
}

function History({ entries }: { entries: SelfCheckEntry[] }) {
  const subscales = entries[0].result.subscales;
  const chart = useMemo(() => {
    if (entries.length < 2) return undefined;
    const data = [
      entries.map((e) => Date.parse(e.takenAt) / 1000),
      ...subscales.map((s) =>
        entries.map((e) => e.result.subscales.find((x) => x.id === s.id)?.score ?? null),
      ),
    ] as uPlot.AlignedData;
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true }, y: { range: [1, 5] } },
      axes: [
        { stroke: '#6b7280', grid: { stroke: '#eef0f4' } },
        { stroke: '#6b7280', grid: { stroke: '#eef0f4' }, size: 36 },
      ],
      series: [
        { label: 'Taken' },
        ...subscales.map((s, i) => ({
          label: s.label,
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          width: 2,
          spanGaps: true,
          points: { size: 6, fill: SERIES_COLORS[i % SERIES_COLORS.length] },
        })),
      ],
    };
    return { data, options };
  }, [entries, subscales]);

  return (
    <section className="card selfcheck-history" aria-label="History">
      <h2>Over time</h2>
      {chart && (
        <Chart options={chart.options} data={chart.data} height={180} label="Self-check history" />
      )}
      <table className="table compact">
        <thead>
          <tr>
            <th>Taken</th>
            {subscales.map((s) => (
              <th key={s.id}>{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{e.takenAt.slice(0, 10)}</td>
              {e.result.subscales.map((s) => (
                <td key={s.id} className="nowrap">
                  {s.score === null ? '—' : s.score.toFixed(2)}
                  {s.band && (
                    <span className={`badge tone-${BAND_TONE[s.band] ?? 'none'} selfcheck-mini`}>
                      {s.band}
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
