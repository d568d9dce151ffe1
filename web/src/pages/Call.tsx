import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, Moment, Turn } from '../../../src/core/types';
import {
  api,
  type CallDetail,
  type Correction,
  type CorrectionAction,
  corrections,
  failureMessage,
  type QuestionEntry,
  query,
  type StoredMoment,
} from '../api';
import {
  CorrectDialog,
  CorrectionHistory,
  type CorrectTarget,
} from '../components/call/corrections';
import { CallName } from '../components/call/naming';
import { Coaching } from '../components/call/notes';
import { ErrorBox, GradeBadge, Link, Loading, ScorePill } from '../components/ui';
import { readingWords, type Sentence, sameReading, sentencesOf } from '../corrections';
import { useAsync } from '../hooks';
import { navigate, useLocation } from '../router';
import { canCoach, useSession } from '../session';
import { clock, kindWords, momentTone, percent, quoted, triggerName } from '../vocab';

/**
 * A moment as the page shows it: the stored row (the reading that counts, corrections and
 * all) and the analysis' moment at the same turn, for the engine's explanation and coaching.
 */
interface ViewMoment {
  /** Position in the strip. */
  pos: number;
  /** The stored moment's idx: the `?m=` of links to it. */
  idx: number;
  stored: StoredMoment;
  moment?: Moment;
  /** Where its trigger is in the turn's text, when it can be found there. */
  span: [number, number] | null;
  /** The rep turn the grade rests on. */
  replyTurn: number | undefined;
  /** What the grade badge and the tone read. */
  grade: { needsReview: boolean; reviewReason?: string; response: { kind: string } };
  tone: string;
}

function locate(text: string, quote: string): [number, number] | null {
  const at = text.indexOf(quote);
  return at < 0 || !quote ? null : [at, at + quote.length];
}

function viewMoments(c: CallDetail): ViewMoment[] {
  const sorted = [...c.moments].sort((a, b) => a.turn - b.turn || a.idx - b.idx);
  return sorted.map((stored, pos) => {
    const moment = c.analysis.moments.find((m) => m.turn === stored.turn);
    const text = c.analysis.turns[stored.turn]?.text ?? '';
    const engineSpan =
      moment && moment.trigger.quote === stored.triggerQuote && moment.trigger.span[1] > 0
        ? moment.trigger.span
        : null;
    const grade = {
      // a correction settles the grade: it is never "unsure" after one
      needsReview: !stored.correction && stored.needsReview,
      reviewReason: moment?.reviewReason,
      response: { kind: stored.responseKind },
    };
    return {
      pos,
      idx: stored.idx,
      stored,
      moment,
      span: engineSpan ?? locate(text, stored.triggerQuote),
      replyTurn: moment?.response.turn ?? replyAfter(c.analysis.turns, stored.turn)?.index,
      grade,
      tone: stored.dismissed ? 'dismissed' : momentTone(grade),
    };
  });
}

/** Splits a turn's text into plain runs and highlighted trigger spans. */
function pieces(text: string, marks: ViewMoment[]) {
  const spanned = marks.filter((m) => m.span) as (ViewMoment & { span: [number, number] })[];
  const sorted = spanned.sort((a, b) => a.span[0] - b.span[0]);
  const out: { text: string; mark?: ViewMoment }[] = [];
  let at = 0;
  for (const m of sorted) {
    const [s, e] = m.span;
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

/** The rep's first turn after a prospect turn, up to the prospect's next one. */
function replyAfter(turns: Turn[], turn: number): Turn | undefined {
  for (const t of turns) {
    if (t.index <= turn) continue;
    if (t.role === 'rep') return t;
    if (t.role === 'prospect') return undefined;
  }
  return undefined;
}

type KeyAction = 'next' | 'previous' | 'keys' | 'undo' | 'promote' | CorrectionAction;

// The arrow keys and Page Up/Down are left to the browser (they scroll the transcript); only
// the sentence picker, which has no other way to move, takes the arrows.
const KEYS: Record<string, KeyAction> = {
  j: 'next',
  k: 'previous',
  '?': 'keys',
};
const COACH_KEYS: Record<string, KeyAction> = {
  t: 'retype',
  g: 'regrade',
  x: 'dismiss',
  u: 'undo',
  p: 'promote',
};

function keyAction(key: string, coach: boolean): KeyAction | undefined {
  return KEYS[key] ?? (coach ? COACH_KEYS[key] : undefined);
}

/** A phone shows the moment or the transcript, one at a time (the CSS's breakpoint). */
const isPhone = () => window.matchMedia('(max-width: 700px)').matches;

/** Counts the correction dialogs opened, to key each one. */
let openings = 0;

const modelName = (id: string) => (id === 'shipped' ? 'the shipped model' : `model ${id}`);

export function CallPage({ id }: { id: number }) {
  const { user } = useSession();
  const coach = canCoach(user);
  const loc = useLocation();
  const call = useAsync(() => api.get<CallDetail>(`/calls/${id}`), [id]);
  const history = useAsync(() => corrections.list(id), [id]);
  // Each opening is its own dialog (`serial` keys it): a quick Escape then g must open a new one.
  const [target, setTarget] = useState<CorrectTarget & { serial: number }>();
  // Picking a prospect sentence to promote: the sentence under the cursor (j/k move it).
  const [picking, setPicking] = useState<number | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  const [error, setError] = useState<string>();
  // After a promotion the new moment is selected once the call has reloaded.
  const [selectTurn, setSelectTurn] = useState<number>();
  // On a phone: which of the two is on screen (wider screens show both side by side).
  const [view, setView] = useState<'moment' | 'transcript'>('moment');
  // The first scroll to the selected moment (a deep link's) is instant; stepping glides.
  const landed = useRef(false);
  // Reviewed marks set on this page, by stored moment id, ahead of the server's answer.
  const [reviewed, setReviewed] = useState<Record<number, boolean>>({});
  const isReviewed = (m: ViewMoment) => reviewed[m.stored.id] ?? m.stored.reviewed;

  const moments = useMemo(() => (call.data ? viewMoments(call.data) : []), [call.data]);
  const sentences = useMemo(
    () =>
      (call.data?.analysis.turns ?? []).filter((t) => t.role === 'prospect').flatMap(sentencesOf),
    [call.data],
  );
  const asked = loc.search.get('m');
  const current =
    moments.find((m) => String(m.idx) === asked) ?? (asked === null ? moments[0] : undefined);
  const shown = current ?? moments[0];
  const select = (idx: number) => navigate(`/calls/${id}?m=${idx}`, true);
  /** A highlighted moment tapped in the transcript: on a phone its panel takes the screen. */
  const openMoment = (idx: number) => {
    select(idx);
    if (isPhone()) show('moment');
  };
  const show = (v: 'moment' | 'transcript') => {
    setView(v);
    // after the switch, the moment's panel from its top, or the moment in its place
    requestAnimationFrame(() => {
      if (v === 'moment') document.querySelector('.call-grid .side')?.scrollIntoView();
      else scrollToMoment('auto');
    });
  };
  const step = (d: number) => {
    const next = moments[Math.max(0, Math.min(moments.length - 1, (shown?.pos ?? 0) + d))];
    if (next) select(next.idx);
  };

  const changed = () => {
    call.reload();
    history.reload();
  };

  useEffect(() => {
    if (selectTurn === undefined) return;
    const m = moments.find((v) => v.stored.turn === selectTurn);
    if (m) {
      setSelectTurn(undefined);
      select(m.idx);
    }
  });

  const open = (action: CorrectionAction, v: ViewMoment | undefined = shown) => {
    if (!coach || !v || !call.data) return;
    if (v.stored.dismissed && action !== 'dismiss') return;
    if (action === 'dismiss' && v.stored.dismissed) return;
    const s = v.stored;
    setTarget({
      serial: ++openings,
      action,
      turn: s.turn,
      quote: s.triggerQuote,
      speaker: s.speaker,
      start: {
        trigger: s.triggerSubtype ? `${s.triggerKind}:${s.triggerSubtype}` : s.triggerKind,
        response: s.responseKind,
      },
    });
  };

  const promote = (sentence: Sentence, kind?: string) => {
    const c = call.data;
    if (!coach || !c) return;
    const turn = c.analysis.turns[sentence.turn];
    const reply = replyAfter(c.analysis.turns, sentence.turn);
    const there = moments.find((m) => m.stored.turn === sentence.turn);
    setPicking(null);
    setTarget({
      serial: ++openings,
      action: 'promote',
      turn: sentence.turn,
      quote: sentence.text,
      speaker: turn?.speaker ?? '',
      start: { trigger: kind ?? null, response: null },
      ...(reply ? { reply: { speaker: reply.speaker, text: reply.text } } : {}),
      ...(there ? { replaces: there.pos + 1 } : {}),
    });
  };

  const undo = async (c: Correction) => {
    setError(undefined);
    try {
      await corrections.undo(c.id);
      changed();
    } catch (err) {
      setError(failureMessage(err));
    }
  };

  /** Where the sentence cursor starts: the selected moment's turn, or the first prospect turn. */
  const startPicking = () => {
    if (!coach || sentences.length === 0) return;
    const from = shown?.stored.turn ?? 0;
    const i = sentences.findIndex((s) => s.turn >= from);
    setPicking(Math.max(0, i));
    setView('transcript');
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // an open dialog owns the keyboard (Enter saves, Escape closes it)
      if (document.querySelector('dialog[open]')) return;
      if (isTyping(document.activeElement) || e.metaKey || e.ctrlKey || e.altKey) return;
      const key = e.key;
      if (picking !== null) {
        const moves: Record<string, number> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 };
        if (key in moves) {
          setPicking(Math.max(0, Math.min(sentences.length - 1, picking + moves[key])));
        } else if (key === 'Enter' && sentences[picking]) {
          promote(sentences[picking]);
        } else if (key === 'Escape' || key === 'p') {
          setPicking(null);
        } else return;
        e.preventDefault();
        return;
      }
      // moving and the key list for everyone; overruling the engine for managers only
      const act = keyAction(key, coach);
      if (!act) return;
      e.preventDefault();
      if (act === 'next') step(1);
      else if (act === 'previous') step(-1);
      else if (act === 'keys') setShowKeys((s) => !s);
      else if (act === 'undo') {
        if (shown?.stored.correction) undo(shown.stored.correction);
      } else if (act === 'promote') startPicking();
      else open(act);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  /** The selected moment in its place in the transcript (its turn, if its words are not marked). */
  const scrollToMoment = (behavior: ScrollBehavior) => {
    if (!shown) return false;
    const el =
      document.querySelector<HTMLElement>(`[data-moment="${shown.idx}"]`) ??
      document.querySelector<HTMLElement>(`[data-turn="${shown.stored.turn}"]`);
    // a hidden transcript (a phone showing the moment) is not scrolled to
    if (!el || el.getClientRects().length === 0) return false;
    el.scrollIntoView({ block: 'center', behavior });
    return true;
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the selection changes
  useEffect(() => {
    if (!shown) return;
    if (scrollToMoment(landed.current ? 'smooth' : 'auto')) landed.current = true;
  }, [shown?.idx]);

  useEffect(() => {
    if (picking === null) return;
    document.querySelector('.pick.cursor')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [picking]);

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
  const cursor = picking === null ? undefined : sentences[picking];

  return (
    <div className="page call-page">
      <div className="page-head">
        <div>
          <Link to="/calls" className="back">
            ← Calls
          </Link>
          <CallName call={c} onSaved={call.reload} />
          <p className="muted">
            {c.repName} · {c.callDate} · {c.format.toUpperCase()}
            {c.durationSeconds ? ` · ${clock(c.durationSeconds)}` : ''} · {c.analysis.turns.length}{' '}
            turns
          </p>
          {/* the engine's version matters to whoever supports the app, not to a manager */}
          <p
            className="muted small call-model"
            title={`Analysis engine version ${c.engineVersion}`}
          >
            Read by {modelName(c.modelVersion)}
            {c.corrections > 0 &&
              ` · ${c.corrections} correction${c.corrections === 1 ? '' : 's'} by a manager`}
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
            className={`strip-item tone-${m.tone}${m.idx === shown?.idx ? ' selected' : ''}`}
            onClick={() => {
              select(m.idx);
              setView('moment');
            }}
            title={m.stored.dismissed ? 'Dismissed: not a walk-point' : undefined}
          >
            <span className="strip-n">{m.pos + 1}</span>
            {triggerName(m.stored.triggerKind, m.stored.triggerSubtype)}
            {m.stored.correction && !m.stored.dismissed && <span title="Corrected"> ✎</span>}
            {isReviewed(m) && <span title="Reviewed"> ✓</span>}
          </button>
        ))}
        <KeyHelp coach={coach} open={showKeys} onToggle={setShowKeys} />
      </section>

      {error && <ErrorBox>{error}</ErrorBox>}
      {history.error && <ErrorBox>Corrections could not be loaded: {history.error}</ErrorBox>}
      {cursor && (
        <div className="pick-bar" role="status">
          <span>
            Mark a missed walk-point: <kbd>j</kbd> / <kbd>k</kbd> choose the prospect’s sentence,{' '}
            <kbd>Enter</kbd> grade it, <kbd>Esc</kbd> stop. Or click a sentence.
          </span>
          <button type="button" className="btn btn-small" onClick={() => setPicking(null)}>
            Stop
          </button>
        </div>
      )}

      <fieldset className="call-tabs" aria-label="Show">
        <button
          type="button"
          className={view === 'moment' ? 'on' : ''}
          aria-pressed={view === 'moment'}
          onClick={() => show('moment')}
        >
          Selected moment
        </button>
        <button
          type="button"
          className={view === 'transcript' ? 'on' : ''}
          aria-pressed={view === 'transcript'}
          onClick={() => show('transcript')}
        >
          Show in transcript
        </button>
      </fieldset>
      <div className={`call-grid show-${view}`}>
        <section className={`card transcript${cursor ? ' picking' : ''}`} aria-label="Transcript">
          {c.analysis.turns.map((t) => (
            <TurnRow
              key={t.index}
              turn={t}
              overruled={c.analysis.findings.filter((f) => f.turn === t.index && f.overruled)}
              marks={moments.filter((m) => m.stored.turn === t.index)}
              responseTo={moments.filter((m) => !m.stored.dismissed && m.replyTurn === t.index)}
              selected={shown?.idx}
              onSelect={openMoment}
              picking={
                cursor
                  ? {
                      sentences: sentences.filter((s) => s.turn === t.index),
                      cursor,
                      onPick: (s) => promote(s),
                    }
                  : undefined
              }
              onPromote={
                coach
                  ? (f) => {
                      const s = sentencesOf(t).find(
                        (x) => x.start <= f.span[0] && f.span[0] < x.end,
                      );
                      if (s) promote(s, f.kind);
                    }
                  : undefined
              }
            />
          ))}
        </section>
        <aside className="side">
          {coach && (
            <button
              type="button"
              className="btn btn-small promote-start"
              aria-keyshortcuts="p"
              onClick={startPicking}
            >
              Mark a missed walk-point <kbd>p</kbd>
            </button>
          )}
          {shown && (
            <MomentPanel
              key={shown.idx}
              view={shown}
              total={moments.length}
              turns={c.analysis.turns}
              coach={coach}
              history={(history.data ?? []).filter((h) => h.turn === shown.stored.turn)}
              onStep={step}
              onAct={(a) => open(a, shown)}
              onUndo={undo}
              onChanged={changed}
              reviewed={isReviewed(shown)}
              onReviewed={(on) => setReviewed((r) => ({ ...r, [shown.stored.id]: on }))}
            />
          )}
          <Scorecard call={c} />
        </aside>
      </div>
      {target && (
        <CorrectDialog
          key={target.serial}
          callId={c.id}
          target={target}
          // the close of a dialog already replaced must not close its successor
          onClose={() => setTarget((t) => (t?.serial === target.serial ? undefined : t))}
          onSaved={(saved) => {
            if (saved.action === 'promote') setSelectTurn(saved.turn);
            changed();
          }}
        />
      )}
    </div>
  );
}

/** The page's keys as the key help lists them (`keyAction` is what they do). */
const KEY_HELP: { keys: string[]; what: string; coach?: boolean }[] = [
  { keys: ['j', 'k'], what: 'next / previous moment' },
  { keys: ['t'], what: 'change the trigger', coach: true },
  { keys: ['g'], what: 'change the grade', coach: true },
  { keys: ['x'], what: 'not a walk-point', coach: true },
  { keys: ['u'], what: 'undo the correction', coach: true },
  {
    keys: ['p'],
    what: 'mark a missed walk-point: choose a sentence with j / k, Enter',
    coach: true,
  },
  {
    keys: ['1–6'],
    what: 'in a correction: pick the grade (1 challenged … 6 no response)',
    coach: true,
  },
  { keys: ['Enter', 'Esc'], what: 'save / close a correction', coach: true },
  { keys: ['?'], what: 'show or hide these keys' },
];

/** The page's keys; `?` opens and closes the list. */
function KeyHelp({
  coach,
  open,
  onToggle,
}: {
  coach: boolean;
  open: boolean;
  onToggle(open: boolean): void;
}) {
  return (
    <details
      className="key-help"
      open={open}
      onToggle={(e) => onToggle((e.target as HTMLDetailsElement).open)}
    >
      <summary className="muted small">
        Keys <kbd>?</kbd>
      </summary>
      <dl>
        {KEY_HELP.filter((k) => coach || !k.coach).map((k) => (
          <Fragment key={k.keys.join()}>
            <dt>
              {k.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{k.what}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}

function TurnRow({
  turn,
  overruled,
  marks,
  responseTo,
  selected,
  onSelect,
  picking,
  onPromote,
}: {
  turn: Turn;
  /** Cue patterns that fired here but that the trained model overruled, shown so they can be disputed. */
  overruled: Finding[];
  marks: ViewMoment[];
  responseTo: ViewMoment[];
  selected?: number;
  onSelect(idx: number): void;
  /** While a manager picks a sentence to promote: this turn's sentences, clickable. */
  picking?: { sentences: Sentence[]; cursor: Sentence; onPick(s: Sentence): void };
  /** Count an overruled pattern as a walk-point (managers). */
  onPromote?(f: Finding): void;
}) {
  const answer = responseTo[0];
  return (
    <div
      className={`turn role-${turn.role}${answer ? ` answers tone-${answer.tone}` : ''}`}
      data-turn={turn.index}
    >
      <div className="turn-meta">
        <span className="turn-time">{clock(turn.start)}</span>
        <span className="speaker">{turn.speaker}</span>
      </div>
      <p className="turn-text">
        {picking && picking.sentences.length > 0
          ? picking.sentences.map((s, i) => (
              <span key={s.start}>
                {i > 0 ? ' ' : ''}
                <button
                  type="button"
                  className={`pick${s === picking.cursor ? ' cursor' : ''}`}
                  onClick={() => picking.onPick(s)}
                >
                  {s.text}
                </button>
              </span>
            ))
          : pieces(turn.text, marks).map((p, i) =>
              p.mark ? (
                <button
                  // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one immutable text
                  key={i}
                  type="button"
                  data-moment={p.mark.idx}
                  className={`mark tone-${p.mark.tone}${p.mark.idx === selected ? ' selected' : ''}`}
                  title={markTitle(p.mark)}
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
                {quoted(f.quote)} reads like{' '}
                <span title={`pattern ${f.reason}`}>{kindWords(f.kind)}</span>. {f.overruled}
                {onPromote && (
                  <>
                    {' '}
                    <button type="button" className="btn btn-small" onClick={() => onPromote(f)}>
                      Count it as a walk-point
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {answer && (
        <div className="answer-tag">
          <GradeBadge moment={answer.grade} /> response to moment {answer.pos + 1}
        </div>
      )}
    </div>
  );
}

function markTitle(m: ViewMoment): string {
  const trigger = triggerName(m.stored.triggerKind, m.stored.triggerSubtype);
  if (m.stored.dismissed) return `${trigger}: dismissed, not a walk-point`;
  return `${trigger} → ${m.grade.needsReview ? 'unsure: review' : m.stored.responseKind}`;
}

function MomentPanel({
  view,
  total,
  turns,
  coach,
  history,
  onStep,
  onAct,
  onUndo,
  onChanged,
  reviewed,
  onReviewed,
}: {
  view: ViewMoment;
  total: number;
  turns: Turn[];
  coach: boolean;
  /** The corrections at this moment's turn, reverted ones included. */
  history: Correction[];
  onStep(delta: number): void;
  onAct(action: CorrectionAction): void;
  onUndo(c: Correction): void;
  onChanged(): void;
  reviewed: boolean;
  onReviewed(on: boolean): void;
}) {
  const s = view.stored;
  const m = view.moment;
  const at = turns[s.turn];
  // The analysis' words fit only while they describe the reading that counts.
  const sameGrade = m?.response.kind === s.responseKind;
  const sameTrigger =
    m?.trigger.kind === s.triggerKind && (m.trigger.subtype ?? null) === (s.triggerSubtype ?? null);
  const effective = {
    triggerKind: s.triggerKind,
    triggerSubtype: s.triggerSubtype,
    responseKind: s.responseKind,
  };
  const engineDiffers = s.correction && !sameReading(s.engineReading, effective);
  return (
    <section
      className={`card moment-panel${s.dismissed ? ' dismissed' : ''}`}
      aria-label="Selected moment"
    >
      <div className="panel-nav">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onStep(-1)}
          disabled={view.pos === 0}
        >
          ↑ Prev
        </button>
        <span>
          Moment {view.pos + 1} of {total}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onStep(1)}
          disabled={view.pos >= total - 1}
        >
          Next ↓
        </button>
      </div>
      <div className="panel-section">
        <div className="eyebrow">
          Trigger{at?.start !== undefined ? ` · ${clock(at.start)}` : ''}
          {s.dismissed && ' · dismissed'}
        </div>
        <h2>{triggerName(s.triggerKind, s.triggerSubtype)}</h2>
        <blockquote>
          <span className="quote-who">{s.speaker}:</span> “{s.triggerQuote}”
        </blockquote>
      </div>
      {(s.correction || history.length > 0) && (
        <div className="panel-section correction-section">
          <div className="eyebrow">Corrections</div>
          {engineDiffers &&
            (s.engineReading ? (
              <p className="small engine-now">
                The engine reads it as {readingWords(s.engineReading)}.
              </p>
            ) : (
              <p className="small engine-now">The engine finds no walk-point here.</p>
            ))}
          <CorrectionHistory
            history={history}
            activeId={s.correction?.id ?? null}
            coach={coach}
            onUndo={onUndo}
            onChanged={onChanged}
          />
        </div>
      )}
      {!s.dismissed && (
        <div className="panel-section">
          <div className="eyebrow">What the rep did</div>
          <div className="grade">
            <GradeBadge moment={view.grade} />
            {m && sameGrade && !s.correction && (
              <span className="muted small">
                confidence {percent(m.confidence ?? m.response.confidence)}
              </span>
            )}
          </div>
          {m && sameGrade ? (
            <>
              <p>{m.response.explanation}</p>
              {view.grade.needsReview && m.reviewReason && (
                <p className="muted small">{m.reviewReason}</p>
              )}
              {(m.response.details || view.grade.needsReview) && (
                <details className="details">
                  <summary>Details</summary>
                  {view.grade.needsReview && (
                    <p className="small">
                      The engine leans to “{m.response.kind}”, but is not sure.
                    </p>
                  )}
                  {m.response.details && <p className="small">{m.response.details}</p>}
                  <p className="small muted">Grade reasons: {m.response.reasons.join(', ')}</p>
                </details>
              )}
            </>
          ) : (
            <p className="muted small">Graded by {s.correction?.authorName ?? 'a manager'}.</p>
          )}
          {s.evidence && <blockquote className="evidence">“{s.evidence}”</blockquote>}
        </div>
      )}
      {!s.dismissed && m?.praise && sameGrade && sameTrigger && (
        <div className="panel-section praise">
          <div className="eyebrow">What worked</div>
          <p>{m.praise}</p>
        </div>
      )}
      {!s.dismissed &&
        s.responseKind !== 'challenged' &&
        (m && sameTrigger && m.suggestions.length > 0 ? (
          <Suggestions list={m.suggestions} />
        ) : (
          !sameTrigger && <BankSuggestions kind={s.triggerKind} subtype={s.triggerSubtype} />
        ))}
      {coach && !s.dismissed && (
        <div className="panel-section correct-actions">
          <div className="eyebrow">Overrule the engine</div>
          <div className="row-actions">
            <button
              type="button"
              className="btn btn-small"
              aria-keyshortcuts="t"
              onClick={() => onAct('retype')}
            >
              Change trigger <kbd>t</kbd>
            </button>
            <button
              type="button"
              className="btn btn-small"
              aria-keyshortcuts="g"
              onClick={() => onAct('regrade')}
            >
              Change grade <kbd>g</kbd>
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              aria-keyshortcuts="x"
              onClick={() => onAct('dismiss')}
            >
              Not a walk-point <kbd>x</kbd>
            </button>
          </div>
        </div>
      )}
      <Coaching
        stored={s}
        coach={coach}
        reviewed={reviewed}
        onReviewed={onReviewed}
        onChanged={onChanged}
      />
    </section>
  );
}

function Suggestions({ list }: { list: { id: string; text: string; why: string }[] }) {
  return (
    <div className="panel-section">
      <div className="eyebrow">With nothing to lose, you could have said</div>
      <ul className="suggestions">
        {list.map((s) => (
          <li key={s.id}>
            <div className="suggestion">{quoted(s.text)}</div>
            <div className="muted small">{s.why}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A corrected or promoted trigger has no coaching from the engine: the bank's moves for it. */
function BankSuggestions({ kind, subtype }: { kind: string; subtype: string | null }) {
  const trigger = subtype ? `${kind}:${subtype}` : kind;
  const bank = useAsync(
    () => api.get<QuestionEntry[]>(`/questions${query({ trigger })}`),
    [trigger],
  );
  // entries that say the prospect's words back need the engine's cut of them: left out here
  const plain = (bank.data ?? []).filter((q) => !q.text.includes('{quote}'));
  if (plain.length === 0) return null;
  return <Suggestions list={plain.slice(0, 3)} />;
}

function Scorecard({ call }: { call: CallDetail }) {
  const { metrics } = call.analysis;
  // the managers' corrections count here as in the score at the top
  const score = call.correctedScore ?? call.analysis.score;
  const engine = Math.round(call.analysis.score.willingToWalk);
  return (
    <section className="card scorecard" aria-label="Scorecard">
      <h2>Scorecard</h2>
      {call.correctedScore && engine !== Math.round(score.willingToWalk) && (
        <p className="muted small">
          Counts the managers’ corrections; the engine’s own reading scored {engine}.
        </p>
      )}
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
