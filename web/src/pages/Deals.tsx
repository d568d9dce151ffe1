/**
 * Deal review ("abandon hope"): the list with each deal's band, and a deal page with the seven
 * criteria proposed from the linked calls, confirm/correct, the total, the band and the call plan.
 */
import { type FormEvent, useState } from 'react';
import { pieceWords } from '../../../src/deals/rubric/criteria';
import {
  api,
  type CallSummary,
  type Deal,
  type DealBand,
  type DealEvidence,
  type DealFieldsInput,
  type DealRubricLine,
  deals,
  type User,
} from '../api';
import { Empty, ErrorBox, Link, Loading } from '../components/ui';
import { useAsync } from '../hooks';
import { navigate } from '../router';
import { canCoach, useSession } from '../session';

const BAND_LABEL: Record<DealBand, string> = {
  real: 'Real',
  gaps: 'Gaps to close',
  hope: 'Hope',
};
const SCORE_LABEL = ['hoped', 'said, unverified', 'evidenced'];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function BandChip({ band }: { band: DealBand }) {
  return <span className={`deal-band deal-band-${band}`}>{BAND_LABEL[band]}</span>;
}

function money(value: number, currency: string | null): string {
  try {
    return new Intl.NumberFormat('en-US', {
      style: currency ? 'currency' : 'decimal',
      currency: currency ?? undefined,
      maximumFractionDigits: 0,
    }).format(value);
  } catch {
    return `${value} ${currency ?? ''}`.trim();
  }
}

export function DealsPage() {
  const list = useAsync(() => deals.list(), []);
  const [creating, setCreating] = useState(false);
  const counts = (band: DealBand) => (list.data ?? []).filter((d) => d.band === band).length;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Deals</h1>
          <p className="muted">
            Evidence or hope? Each deal is scored on seven criteria from its calls: 0 hoped, 1 said
            but unverified, 2 evidenced in the prospect's words.
          </p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Cancel' : 'New deal'}
        </button>
      </div>
      {creating && (
        <DealForm
          title="New deal"
          submitLabel="Create deal"
          onSaved={(d) => navigate(`/deals/${d.id}`)}
          save={(fields) => deals.create(fields)}
        />
      )}
      {list.error && <ErrorBox>{list.error}</ErrorBox>}
      {list.data && list.data.length > 0 && (
        <div className="deal-summary">
          {(['real', 'gaps', 'hope'] as const).map((b) => (
            <span key={b} className="deal-summary-item">
              <BandChip band={b} /> <strong>{counts(b)}</strong>
            </span>
          ))}
        </div>
      )}
      {!list.data && !list.error && <Loading />}
      {list.data?.length === 0 && (
        <Empty>
          No deals yet. Create one, link its calls, and see what is evidence and what is hope.
        </Empty>
      )}
      {list.data && list.data.length > 0 && (
        <div className="card table-card">
          <table className="table deal-table">
            <thead>
              <tr>
                <th>Deal</th>
                <th>Owner</th>
                <th>Stage</th>
                <th>Value</th>
                <th>Calls</th>
                <th>Next step</th>
                <th>Total</th>
                <th>Band</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/deals/${d.id}`} className="call-title">
                      {d.name}
                    </Link>
                    <div className="muted small">{d.company}</div>
                  </td>
                  <td>{d.ownerName}</td>
                  <td>{d.stage}</td>
                  <td className="nowrap">{money(d.value, d.currency)}</td>
                  <td>{d.calls.length}</td>
                  <td className="small">
                    {d.nextStep ? `${d.nextStep.date}: ${d.nextStep.purpose}` : '—'}
                  </td>
                  <td className="deal-total-cell">{d.total}/14</td>
                  <td title={d.bandReason}>
                    <BandChip band={d.band} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Create or edit a deal's fields. */
function DealForm({
  title,
  submitLabel,
  initial,
  save,
  onSaved,
}: {
  title: string;
  submitLabel: string;
  initial?: Deal;
  save(fields: DealFieldsInput): Promise<Deal>;
  onSaved(d: Deal): void;
}) {
  const [f, setF] = useState({
    name: initial?.name ?? '',
    company: initial?.company ?? '',
    stage: initial?.stage ?? '',
    value: initial ? String(initial.value) : '',
    currency: initial?.currency ?? 'USD',
    date: initial?.nextStep?.date ?? '',
    purpose: initial?.nextStep?.purpose ?? '',
  });
  const [error, setError] = useState<string>();
  const set = (patch: Partial<typeof f>) => setF((old) => ({ ...old, ...patch }));
  const { user } = useSession();
  // Managers and admins give the deal to a salesperson; a rep's own deals are theirs.
  const choosesOwner = canCoach(user);
  const people = useAsync(
    () => (choosesOwner ? api.get<User[]>('/users') : Promise.resolve([] as User[])),
    [choosesOwner],
  );
  const [ownerId, setOwnerId] = useState(initial ? String(initial.ownerId) : '');
  const owners = (people.data ?? []).filter(
    (u) => (u.role === 'rep' && !u.disabledAt) || u.id === user.id || u.id === initial?.ownerId,
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if ((f.date === '') !== (f.purpose.trim() === '')) {
      setError('Next step: give both the date and the purpose, or neither.');
      return;
    }
    try {
      onSaved(
        await save({
          name: f.name,
          company: f.company,
          stage: f.stage,
          value: Number(f.value || 0),
          currency: f.currency.trim() ? f.currency.trim().toUpperCase() : null,
          nextStep: f.date ? { date: f.date, purpose: f.purpose } : null,
          ...(choosesOwner && ownerId && Number(ownerId) !== initial?.ownerId
            ? { ownerId: Number(ownerId) }
            : {}),
        }),
      );
    } catch (err) {
      setError(message(err));
    }
  };

  return (
    <form className="card form deal-form" onSubmit={submit}>
      <h2>{title}</h2>
      <div className="form-row">
        {choosesOwner ? (
          <label>
            Owner
            <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)} required>
              <option value="">Choose the salesperson…</option>
              {owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.id === user.id ? `Me (${u.name})` : u.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="muted small deal-owner-note">
            Owner: {initial && initial.ownerId !== user.id ? initial.ownerName : 'you'}
          </p>
        )}
      </div>
      {people.error && <ErrorBox>{people.error}</ErrorBox>}
      <div className="form-row">
        <label>
          Deal name
          <input value={f.name} onChange={(e) => set({ name: e.target.value })} required />
        </label>
        <label>
          Company
          <input value={f.company} onChange={(e) => set({ company: e.target.value })} required />
        </label>
      </div>
      <div className="form-row">
        <label>
          Stage
          <input
            value={f.stage}
            onChange={(e) => set({ stage: e.target.value })}
            placeholder="discovery, evaluation…"
            required
          />
        </label>
        <label>
          Value
          <input
            type="number"
            min={0}
            value={f.value}
            onChange={(e) => set({ value: e.target.value })}
            required
          />
        </label>
        <label className="deal-currency">
          Currency
          <input
            value={f.currency}
            maxLength={3}
            onChange={(e) => set({ currency: e.target.value })}
          />
        </label>
      </div>
      <div className="form-row">
        <label className="deal-date">
          Next step date
          <input type="date" value={f.date} onChange={(e) => set({ date: e.target.value })} />
        </label>
        <label>
          Next step purpose
          <input
            value={f.purpose}
            onChange={(e) => set({ purpose: e.target.value })}
            placeholder="What the prospect agreed the meeting is for"
          />
        </label>
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </form>
  );
}

export function DealPage({ id }: { id: number }) {
  const review = useAsync(() => deals.review(id), [id]);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      review.reload();
    } catch (e) {
      setError(message(e));
    }
  };

  if (review.error) {
    return (
      <div className="page">
        <ErrorBox>{review.error}</ErrorBox>
        <Link to="/deals">← Back to deals</Link>
      </div>
    );
  }
  if (!review.data) return <Loading />;
  const r = review.data;
  const d = r.deal;

  return (
    <div className="page deal-page">
      <div className="page-head">
        <div>
          <Link to="/deals" className="back">
            ← Deals
          </Link>
          <h1>{d.name}</h1>
          <p className="muted">
            {d.company} · {d.stage} · {money(d.value, d.currency)} · owner {d.ownerName}
          </p>
          <p className="deal-next">
            <strong>Next step:</strong>{' '}
            {d.nextStep ? (
              `${d.nextStep.date} — ${d.nextStep.purpose}`
            ) : (
              <span className="muted">none on the calendar</span>
            )}
          </p>
        </div>
        <div className="deal-verdict" title={r.bandReason}>
          <span className="deal-total">
            {r.total}
            <small>/14</small>
          </span>
          <BandChip band={r.band} />
          <span className="muted small">{r.bandReason}</span>
        </div>
      </div>
      <div className="deal-actions">
        <button type="button" className="btn" onClick={() => setEditing((e) => !e)}>
          {editing ? 'Cancel editing' : 'Edit deal'}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            if (window.confirm(`Delete the deal "${d.name}"? Its calls stay.`)) {
              deals.remove(d.id).then(
                () => navigate('/deals'),
                (e) => setError(message(e)),
              );
            }
          }}
        >
          Delete
        </button>
      </div>
      {editing && (
        <DealForm
          title="Edit deal"
          submitLabel="Save"
          initial={d}
          save={(fields) => deals.update(d.id, fields)}
          onSaved={() => {
            setEditing(false);
            review.reload();
          }}
        />
      )}
      {error && <ErrorBox>{error}</ErrorBox>}
      {r.warnings.map((w) => (
        <div key={w} className="error-box">
          {w}
        </div>
      ))}

      <div className="deal-grid">
        <section className="card deal-rubric" aria-label="Rubric">
          <h2>Evidence or hope: the seven criteria</h2>
          {r.rubric.map((line) => (
            <RubricRow
              // A new proposal (a call linked or unlinked) resets the row's quote field.
              key={`${line.criterion}:${line.proposed.evidence.length}:${line.source}`}
              line={line}
              onScore={(score, evidence) =>
                act(() =>
                  deals.setScore(d.id, line.criterion, {
                    score: score as 0 | 1 | 2,
                    ...(evidence ? { evidence } : {}),
                  }),
                )
              }
              onReset={() => act(() => deals.clearScore(d.id, line.criterion))}
            />
          ))}
        </section>

        <div className="deal-side">
          <LinkedCalls deal={d} act={act} />
          <section className="card deal-plan" aria-label="Call plan">
            <h2>Walk-point call plan</h2>
            {r.plan.length === 0 ? (
              <p className="muted">Every criterion is evidenced. Nothing left to hope for.</p>
            ) : (
              <>
                <p className="muted small">
                  Ask these on the next call, in this order. Nothing to lose: if the answer ends the
                  deal, it was never real.
                </p>
                <ol className="deal-plan-steps">
                  {r.plan.map((step, i) => (
                    <li key={step.criterion} className="deal-plan-step">
                      <div className="deal-plan-head">
                        <span className="deal-plan-n">{i + 1}.</span> <strong>{step.label}</strong>{' '}
                        <span className={`deal-score-dot deal-score-${step.score}`}>
                          {step.score}
                        </span>{' '}
                        <span className="muted small">
                          still to hear: {step.missing.map(pieceWords).join(', ')}
                        </span>
                      </div>
                      <ul>
                        {step.questions.map((q) => (
                          <li key={q.id}>
                            <span className="deal-question">{q.text}</span>
                            <span className="muted small"> — {q.why}</span>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

function evidenceLink(e: DealEvidence): string | null {
  if (e.callId === null) return null;
  return e.momentIdx === null ? `/calls/${e.callId}` : `/calls/${e.callId}?m=${e.momentIdx}`;
}

/** One line per quote: the same words can evidence two pieces (a date and its event). */
function groupEvidence(items: DealEvidence[]): { e: DealEvidence; pieces: string[] }[] {
  const out = new Map<string, { e: DealEvidence; pieces: string[] }>();
  // Stated evidence first: it is what a 2 rests on.
  for (const e of [...items].sort(
    (a, b) => Number(b.strength === 'stated') - Number(a.strength === 'stated'),
  )) {
    const key = `${e.callId}:${e.turn}:${e.quote}`;
    const seen = out.get(key);
    if (!seen) out.set(key, { e, pieces: [e.piece] });
    else if (!seen.pieces.includes(e.piece)) seen.pieces.push(e.piece);
  }
  return [...out.values()];
}

function RubricRow({
  line,
  onScore,
  onReset,
}: {
  line: DealRubricLine;
  onScore(score: number, evidence?: string): void;
  onReset(): void;
}) {
  const best =
    line.proposed.evidence.find((e) => e.strength === 'stated') ?? line.proposed.evidence[0];
  const [quote, setQuote] = useState(line.confirmed?.evidence ?? best?.quote ?? '');
  const shown = groupEvidence(line.proposed.evidence);
  const status =
    line.source === 'proposed'
      ? 'proposed from calls'
      : line.corrected
        ? `corrected (calls proposed ${line.proposed.score})`
        : 'confirmed';

  return (
    <div className={`deal-criterion deal-source-${line.source}`} data-criterion={line.criterion}>
      <div className="deal-criterion-head">
        <div>
          <h3>{line.label}</h3>
          <div className="muted small">2 = {line.evidenced}</div>
        </div>
        <fieldset className="deal-scores" aria-label={`${line.label} score`}>
          {[0, 1, 2].map((s) => (
            <button
              key={s}
              type="button"
              className={`deal-score-btn deal-score-${s}${line.score === s ? ' on' : ''}`}
              title={`${s}: ${SCORE_LABEL[s]}`}
              aria-pressed={line.score === s}
              onClick={() => onScore(s, quote.trim() || undefined)}
            >
              {s}
            </button>
          ))}
        </fieldset>
      </div>
      <div className="deal-status">
        <span className={`deal-status-tag deal-status-${line.source}`}>{status}</span>
        <span className="small">
          Calls propose <strong>{line.proposed.score}</strong>: {line.proposed.why}
        </span>
      </div>
      {shown.length > 0 && (
        <ul className="deal-evidence">
          {shown.slice(0, 3).map(({ e, pieces }) => {
            const to = evidenceLink(e);
            return (
              <li key={`${e.callId}:${e.turn}:${e.quote}`}>
                <q className={`deal-quote deal-quote-${e.strength}`}>
                  {e.quote.replace(/^["“]|["”]$/g, '')}
                </q>
                <span className="muted small">
                  {' '}
                  — {e.speaker}
                  {to ? (
                    <>
                      {', '}
                      <Link to={to}>
                        {e.callTitle}, turn {(e.turn ?? 0) + 1}
                      </Link>
                    </>
                  ) : (
                    ', from the deal'
                  )}
                  {` · ${pieces.map(pieceWords).join(', ')}${e.strength === 'stated' ? '' : ' (said, not yet pinned down)'}`}
                </span>
              </li>
            );
          })}
          {shown.length > 3 && <li className="muted small">and {shown.length - 3} more</li>}
        </ul>
      )}
      {line.confirmed?.note && <p className="small deal-note">Note: {line.confirmed.note}</p>}
      <div className="deal-confirm">
        <input
          aria-label={`${line.label} evidence`}
          value={quote}
          onChange={(e) => setQuote(e.target.value)}
          placeholder="The quote or fact the score rests on"
        />
        {line.source === 'proposed' ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onScore(line.proposed.score, quote.trim() || undefined)}
          >
            Confirm {line.proposed.score}
          </button>
        ) : (
          <button type="button" className="btn btn-small btn-ghost" onClick={onReset}>
            Back to proposal
          </button>
        )}
      </div>
    </div>
  );
}

function LinkedCalls({ deal, act }: { deal: Deal; act(fn: () => Promise<unknown>): void }) {
  const calls = useAsync(
    () => api.get<{ items: CallSummary[] }>('/calls?pageSize=100&sort=date&order=desc'),
    [],
  );
  const [pick, setPick] = useState('');
  const linked = new Set(deal.calls.map((c) => c.id));
  const options = (calls.data?.items ?? []).filter((c) => !linked.has(c.id));

  return (
    <section className="card deal-calls" aria-label="Linked calls">
      <h2>Linked calls</h2>
      {deal.calls.length === 0 ? (
        <p className="muted">No calls linked yet: every criterion is hope until a call shows it.</p>
      ) : (
        <ul className="deal-call-list">
          {deal.calls.map((c) => (
            <li key={c.id}>
              <Link to={`/calls/${c.id}`} className="deal-call-title">
                {c.title}
              </Link>
              <span className="muted small">
                {' '}
                {c.callDate} · {c.repName}
              </span>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Unlink ${c.title}`}
                onClick={() => act(() => deals.unlink(deal.id, c.id))}
              >
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-row deal-link-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (pick) act(() => deals.link(deal.id, Number(pick)).then(() => setPick('')));
        }}
      >
        <select aria-label="Call to link" value={pick} onChange={(e) => setPick(e.target.value)}>
          <option value="">Choose a call…</option>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} · {c.callDate} · {c.repName}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={!pick}>
          Link call
        </button>
      </form>
      {calls.error && <ErrorBox>{calls.error}</ErrorBox>}
    </section>
  );
}
