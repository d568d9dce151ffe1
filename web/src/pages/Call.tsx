import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, Moment, Turn } from '../../../src/types';
import { ApiFailure, api, type CallDetail, type Note, type StoredMoment } from '../api';
import { ErrorBox, GradeBadge, Link, Loading, ScorePill } from '../components/ui';
import { useAsync } from '../hooks';
import { navigate, useLocation } from '../router';
import { canCoach, useSession } from '../session';
import { clock, momentTone, percent, quoted, triggerName } from '../vocab';

/** A moment as the page shows it: the engine's moment plus its stored row (id, review). */
interface ViewMoment {
  idx: number;
  moment: Moment;
  stored?: StoredMoment;
}

/** Splits a turn's text into plain runs and highlighted trigger spans. */
function pieces(text: string, marks: ViewMoment[]) {
  const sorted = [...marks].sort((a, b) => a.moment.trigger.span[0] - b.moment.trigger.span[0]);
  const out: { text: string; mark?: ViewMoment }[] = [];
  let at = 0;
  for (const m of sorted) {
    const [s, e] = m.moment.trigger.span;
    if (s < at || e > text.length || e <= s) continue;
    if (s > at) out.push({ text: text.slice(at, s) });
    out.push({ text: text.slice(s, e), mark: m });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

function isTyping(el: Element | null): boolean {
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

export function CallPage({ id }: { id: number }) {
  const loc = useLocation();
  const call = useAsync(() => api.get<CallDetail>(`/calls/${id}`), [id]);
  const selected = Number(loc.search.get('m') ?? 0);
  const select = (idx: number) => navigate(`/calls/${id}?m=${idx}`, true);

  const moments: ViewMoment[] = useMemo(
    () =>
      (call.data?.analysis.moments ?? []).map((moment, idx) => ({
        idx,
        moment,
        stored: call.data?.moments.find((s) => s.idx === idx),
      })),
    [call.data],
  );

  // j / k (and arrow keys with no focus in a field) step through the moments.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(document.activeElement) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (moments.length === 0) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        select(Math.min(moments.length - 1, selected + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        select(Math.max(0, selected - 1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    document
      .querySelector(`[data-moment="${selected}"]`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);

  if (call.error) {
    return (
      <div className="page">
        <ErrorBox>{call.error}</ErrorBox>
        <Link to="/calls">← Back to calls</Link>
      </div>
    );
  }
  if (!call.data) return <Loading />;
  const c = call.data;
  const current = moments[Math.min(selected, moments.length - 1)];

  return (
    <div className="page call-page">
      <div className="page-head">
        <div>
          <Link to="/calls" className="back">
            ← Calls
          </Link>
          <h1>{c.title}</h1>
          <p className="muted">
            {c.repName} · {c.callDate} · {c.format.toUpperCase()}
            {c.durationSeconds ? ` · ${clock(c.durationSeconds)}` : ''} · {c.analysis.turns.length}{' '}
            turns · engine {c.engineVersion}
          </p>
        </div>
        <div className="head-score">
          <ScorePill score={c.score} large />
          <span className="muted small">willing to walk</span>
        </div>
      </div>

      <section className="moment-strip" aria-label="Moments">
        {moments.length === 0 && (
          <span className="muted">No walk-point moments found in this call.</span>
        )}
        {moments.map((m) => (
          <button
            key={m.idx}
            type="button"
            className={`strip-item tone-${momentTone(m.moment)}${m.idx === current?.idx ? ' selected' : ''}`}
            onClick={() => select(m.idx)}
          >
            <span className="strip-n">{m.idx + 1}</span>
            {triggerName(m.moment.trigger.kind, m.moment.trigger.subtype)}
            {m.stored?.reviewed && <span title="Reviewed"> ✓</span>}
          </button>
        ))}
        {moments.length > 1 && (
          <span className="muted small kbd-hint">
            <kbd>j</kbd> / <kbd>k</kbd> next / previous
          </span>
        )}
      </section>

      <div className="call-grid">
        <section className="card transcript" aria-label="Transcript">
          {c.analysis.turns.map((t) => (
            <TurnRow
              key={t.index}
              turn={t}
              overruled={c.analysis.findings.filter((f) => f.turn === t.index && f.overruled)}
              marks={moments.filter((m) => m.moment.turn === t.index)}
              responseTo={moments.filter((m) => m.moment.response.turn === t.index)}
              selected={current?.idx}
              onSelect={select}
            />
          ))}
        </section>
        <aside className="side">
          {current && (
            <MomentPanel
              key={current.idx}
              view={current}
              total={moments.length}
              turns={c.analysis.turns}
              onStep={(d) => select(Math.max(0, Math.min(moments.length - 1, current.idx + d)))}
              onChanged={call.reload}
            />
          )}
          <Scorecard call={c} />
        </aside>
      </div>
    </div>
  );
}

function TurnRow({
  turn,
  overruled,
  marks,
  responseTo,
  selected,
  onSelect,
}: {
  turn: Turn;
  /** Cue patterns that fired here but that the trained model overruled, shown so they can be disputed. */
  overruled: Finding[];
  marks: ViewMoment[];
  responseTo: ViewMoment[];
  selected?: number;
  onSelect(idx: number): void;
}) {
  const answer = responseTo[0];
  return (
    <div
      className={`turn role-${turn.role}${answer ? ` answers tone-${momentTone(answer.moment)}` : ''}`}
    >
      <div className="turn-meta">
        <span className="turn-time">{clock(turn.start)}</span>
        <span className="speaker">{turn.speaker}</span>
      </div>
      <p className="turn-text">
        {pieces(turn.text, marks).map((p, i) =>
          p.mark ? (
            <button
              // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one immutable text
              key={i}
              type="button"
              data-moment={p.mark.idx}
              className={`mark tone-${momentTone(p.mark.moment)}${p.mark.idx === selected ? ' selected' : ''}`}
              title={`${triggerName(p.mark.moment.trigger.kind, p.mark.moment.trigger.subtype)} → ${p.mark.moment.needsReview ? 'unsure: review' : p.mark.moment.response.kind}`}
              onClick={() => onSelect(p.mark!.idx)}
            >
              {p.text}
            </button>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one immutable text
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
      {overruled.length > 0 && (
        <details className="overruled">
          <summary>
            Not counted as a walk-point:{' '}
            {overruled.length === 1 ? 'a pattern' : `${overruled.length} patterns`} overruled
          </summary>
          <ul>
            {overruled.map((f) => (
              <li key={`${f.kind}-${f.reason}-${f.span[0]}`}>
                {quoted(f.quote)} matched the {triggerName(...kindParts(f.kind))} pattern “
                {f.reason}”. {f.overruled}
              </li>
            ))}
          </ul>
        </details>
      )}
      {answer && (
        <div className="answer-tag">
          <GradeBadge moment={answer.moment} /> response to moment {answer.idx + 1}
        </div>
      )}
    </div>
  );
}

function MomentPanel({
  view,
  total,
  turns,
  onStep,
  onChanged,
}: {
  view: ViewMoment;
  total: number;
  turns: Turn[];
  onStep(delta: number): void;
  onChanged(): void;
}) {
  const { user } = useSession();
  const m = view.moment;
  const at = turns[m.turn];
  return (
    <section className="card moment-panel" aria-label="Selected moment">
      <div className="panel-nav">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onStep(-1)}
          disabled={view.idx === 0}
        >
          ↑ Prev
        </button>
        <span>
          Moment {view.idx + 1} of {total}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onStep(1)}
          disabled={view.idx >= total - 1}
        >
          Next ↓
        </button>
      </div>
      <div className="panel-section">
        <div className="eyebrow">
          Trigger{at?.start !== undefined ? ` · ${clock(at.start)}` : ''}
        </div>
        <h2>{triggerName(m.trigger.kind, m.trigger.subtype)}</h2>
        <blockquote>
          <span className="quote-who">{m.speaker}:</span> “{m.trigger.quote}”
        </blockquote>
      </div>
      <div className="panel-section">
        <div className="eyebrow">What the rep did</div>
        <div className="grade">
          <GradeBadge moment={m} />
          <span className="muted small">
            confidence {percent(m.confidence ?? m.response.confidence)}
          </span>
        </div>
        <p>{m.response.explanation}</p>
        {m.needsReview && m.reviewReason && <p className="muted small">{m.reviewReason}</p>}
        {(m.response.details || m.needsReview) && (
          <details className="details">
            <summary>Details</summary>
            {m.needsReview && (
              <p className="small">The engine leans to “{m.response.kind}”, but is not sure.</p>
            )}
            {m.response.details && <p className="small">{m.response.details}</p>}
            <p className="small muted">Grade reasons: {m.response.reasons.join(', ')}</p>
          </details>
        )}
        {m.response.evidence && (
          <blockquote className="evidence">“{m.response.evidence}”</blockquote>
        )}
      </div>
      {m.praise && (
        <div className="panel-section praise">
          <div className="eyebrow">What worked</div>
          <p>{m.praise}</p>
        </div>
      )}
      {m.suggestions.length > 0 && (
        <div className="panel-section">
          <div className="eyebrow">With nothing to lose, you could have said</div>
          <ul className="suggestions">
            {m.suggestions.map((s) => (
              <li key={s.id}>
                <div className="suggestion">{quoted(s.text)}</div>
                <div className="muted small">{s.why}</div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.stored && (
        <Coaching stored={view.stored} coach={canCoach(user)} onChanged={onChanged} />
      )}
    </section>
  );
}

function Coaching({
  stored,
  coach,
  onChanged,
}: {
  stored: StoredMoment;
  coach: boolean;
  onChanged(): void;
}) {
  const notes = useAsync(() => api.get<Note[]>(`/moments/${stored.id}/notes`), [stored.id]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Shown at once; put back if the server refuses.
  const [reviewed, setReviewed] = useState(stored.reviewed);
  const box = useRef<HTMLTextAreaElement>(null);

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
      setError(err instanceof ApiFailure ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const review = async (on: boolean) => {
    setReviewed(on);
    try {
      await api.patch(`/moments/${stored.id}`, { reviewed: on });
      onChanged();
    } catch (err) {
      setReviewed(!on);
      setError(err instanceof ApiFailure ? err.message : String(err));
    }
  };

  return (
    <div className="panel-section coaching">
      <div className="eyebrow">Coaching</div>
      {coach ? (
        <label className="check">
          <input
            type="checkbox"
            checked={stored.reviewed}
            onChange={(e) => review(e.target.checked)}
          />
          Reviewed
        </label>
      ) : (
        reviewed && <p className="muted small">Reviewed by your manager.</p>
      )}
      <ul className="notes">
        {(notes.data ?? []).map((n) => (
          <li key={n.id} className="note">
            <div className="note-head">
              <strong>{n.authorName}</strong>
              <span className="muted small">{new Date(n.createdAt).toLocaleString()}</span>
            </div>
            <p>{n.body}</p>
          </li>
        ))}
        {notes.data?.length === 0 && <li className="muted small">No notes yet.</li>}
      </ul>
      {coach && (
        <form onSubmit={add} className="note-form">
          <textarea
            ref={box}
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

function Scorecard({ call }: { call: CallDetail }) {
  const { metrics, score } = call.analysis;
  return (
    <section className="card scorecard" aria-label="Scorecard">
      <h2>Scorecard</h2>
      <ul className="components">
        {score.components.map((c) => (
          <li key={c.id}>
            <div className="component-head">
              <span>{c.label}</span>
              <span className="muted">
                {Math.round(c.points)} / {c.max}
              </span>
            </div>
            <div className="meter">
              <span style={{ width: `${c.max ? (100 * c.points) / c.max : 0}%` }} />
            </div>
            <div className="muted small">{c.detail}</div>
          </li>
        ))}
      </ul>
      <dl className="metrics">
        <dt>Rep talk share</dt>
        <dd>{percent(metrics.repTalkShare)}</dd>
        <dt>Questions</dt>
        <dd>
          {metrics.questions} ({metrics.toughQuestions} tough)
        </dd>
        <dt>Questions per rep turn</dt>
        <dd>{metrics.questionsPerRepTurn.toFixed(2)}</dd>
        <dt>Happy ears</dt>
        <dd>{metrics.happyEars}</dd>
        <dt>Ends with a next step</dt>
        <dd>{metrics.endsWithNextStep ? 'Yes' : 'No'}</dd>
      </dl>
    </section>
  );
}

/** `objection:price` -> ['objection', 'price'], for triggerName. */
function kindParts(kind: string): [string, string | undefined] {
  const [base, subtype] = kind.split(':');
  return [base, subtype];
}
