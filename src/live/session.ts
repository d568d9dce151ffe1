import { annotate } from '../annotate/index.js';
import { isWalkpointError } from '../core/errors.js';
import type { AnnotatedTurn, Finding, Moment, Turn } from '../core/types.js';
import type { Role } from '../core/vocabulary.js';
import { detectTurn } from '../detect/index.js';
import { analyze, coachMoment } from '../engine/analyze.js';
import { findMoments, isRealTurn } from '../moments/index.js';
import { cleanText } from '../parse/segments.js';
import { cleanSpeakerName } from '../parse/speaker.js';
import { type Agreement, agreement } from './agree.js';
import { cardOf, gradeOf, type LiveEvent, type LiveSummary } from './events.js';
import { LiveRoles } from './roles.js';

/** One caption as a captioning tool sends it; a partial is replaced by the next caption. */
export interface LiveUtterance {
  speaker: string;
  text: string;
  /** Seconds from the start of the call. */
  start?: number;
  end?: number;
  /** false: the words so far of a caption still being spoken. */
  final: boolean;
}

export interface LiveOptions {
  /** The salespeople's names; without them the rep is inferred as the batch engine does. */
  rep?: string[];
}

interface LiveTurn {
  index: number;
  key: string;
  speaker: string;
  text: string;
  start?: number;
  end?: number;
  /** The turn as the detectors read it, with the speaker's role at the time. */
  annotated: AnnotatedTurn;
  findings: Finding[];
  /** The words it was read before (see `read`). */
  next?: string | null;
}

/**
 * The most turns kept for grading. A rep's reply is graded up to the prospect's next real turn;
 * a reply that runs longer (a prospect who only says "mm-hmm" for 60 turns) is graded on what
 * is kept, so an update never costs more than this many turns.
 */
const MAX_WINDOW = 64;

/** The words guessed to follow a turn still being spoken (see `read`). */
const GUESSED_NEXT = 'Okay.';

/**
 * A live call: captions in, cue cards out. Each caption costs the length of its turn and of a
 * bounded window of recent turns, never the length of the call: the new turn is read with the
 * batch engine's annotator and detectors (with the previous speaker's turn as their context),
 * and the walk-points and grades come from the batch `findMoments` over the recent turns. When
 * the call ends, `end()` returns the batch analysis of everything said, and how far the cards
 * shown agreed with it.
 */
export class LiveSession {
  private readonly roles: LiveRoles;
  private roleMap = new Map<string, Role>();
  /** Recent turns, oldest first; the last is the turn still being spoken. */
  private window: LiveTurn[] = [];
  private partial?: LiveUtterance;
  /** Moments at turns before this are final and no longer shown as changing. */
  private frozenBefore = 0;
  /** What the listener has been shown, per walk-point turn, to send only changes. */
  private readonly shown = new Map<number, { card: string; grade: string; provisional: boolean }>();
  /** The last state of every card, in the order the walk-points came. */
  private readonly settled: Moment[] = [];
  private readonly segments: { speaker: string; text: string; start?: number; end?: number }[] = [];
  private turnCount = 0;
  private ended = false;
  private partials = 0;

  constructor(private readonly options: LiveOptions = {}) {
    this.roles = new LiveRoles(options.rep ?? []);
  }

  /** Takes one caption; returns the cards, grades and retractions it causes, in order. */
  push(u: LiveUtterance): LiveEvent[] {
    if (this.ended) throw new Error('the live session has ended');
    const speaker = cleanSpeakerName(u.speaker);
    const text = cleanText(u.text);
    if (!u.final) {
      this.partials++;
      this.partial = { ...u, speaker, text };
      return this.refresh();
    }
    if (this.partial && this.partial.speaker.toLowerCase() === speaker.toLowerCase()) {
      this.partial = undefined;
    }
    if (!text) return this.refresh();
    const segment = { speaker, text, start: u.start, end: u.end };
    this.segments.push(segment);
    const key = speaker.toLowerCase();
    const open = this.window[this.window.length - 1];
    if (open && open.key === key) {
      open.text += ` ${text}`;
      if (u.end !== undefined) open.end = u.end;
    } else {
      if (open) {
        this.roles.close(open.speaker, open.text);
        // now that the next turn's words are known, the finished turn is read as the batch does
        this.read(open, this.window[this.window.length - 2]?.annotated, text);
      }
      this.window.push({
        index: this.turnCount++,
        key,
        speaker: this.nameOf(key, speaker),
        text,
        start: u.start,
        end: u.end,
        annotated: undefined as unknown as AnnotatedTurn,
        findings: [],
      });
    }
    const turn = this.window[this.window.length - 1];
    this.roles.update(turn.speaker, turn.text);
    const events = this.updateRoles();
    this.read(turn, this.window[this.window.length - 2]?.annotated);
    events.push(...this.refresh(), ...this.advance());
    return events;
  }

  /**
   * The call is over: settles every card, and returns the batch analysis of the call with how
   * far the cards agreed with it. A partial never confirmed is dropped.
   */
  end(): { events: LiveEvent[]; summary: LiveSummary } {
    const dropped = this.partial !== undefined;
    this.partial = undefined;
    const last = this.window[this.window.length - 1];
    if (last) this.read(last, this.window[this.window.length - 2]?.annotated, null);
    const events = this.refresh();
    events.push(...this.settle(Number.POSITIVE_INFINITY));
    this.ended = true;
    const base = {
      type: 'summary' as const,
      utterances: this.segments.length,
      partials: this.partials,
      droppedPartial: dropped,
    };
    try {
      const analysis = analyze(JSON.stringify({ segments: this.segments }), {
        rep: this.options.rep,
      });
      const agreed: Agreement = agreement(this.settled, analysis.moments);
      return { events, summary: { ...base, analysis, agreement: agreed } };
    } catch (e) {
      if (!isWalkpointError(e)) throw e;
      return { events, summary: { ...base, error: e.message } };
    }
  }

  /** How many turns are kept for grading now (bounded, whatever the call's length). */
  get recentTurns(): number {
    return this.window.length;
  }

  /** The finals received so far, as a JSON transcript any Walkpoint surface can read. */
  transcript(): string {
    return JSON.stringify({ segments: this.segments });
  }

  /** Names are matched case-insensitively; the first spelling is kept, as the batch does. */
  private readonly names = new Map<string, string>();
  private nameOf(key: string, speaker: string): string {
    const known = this.names.get(key);
    if (known) return known;
    this.names.set(key, speaker);
    return speaker;
  }

  private roleOf(speaker: string): Role {
    return this.roleMap.get(speaker) ?? this.roles.guess(speaker);
  }

  /**
   * Annotates and detects one turn as the batch engine would inside the whole call. The batch
   * reads the call as one text, turns joined by a blank line that ends each turn's last sentence
   * as a token the trained models read (its negation flag depends on the words after it): a turn
   * is read before the `next` turn's words, a guess while it is still being spoken, none when it
   * is the call's last.
   */
  private read(
    turn: LiveTurn,
    previous: AnnotatedTurn | undefined,
    next: string | null = GUESSED_NEXT,
  ): void {
    const plain: Turn = {
      index: turn.index,
      speaker: turn.speaker,
      role: 'other',
      text: turn.text,
    };
    if (turn.start !== undefined) plain.start = turn.start;
    if (turn.end !== undefined) plain.end = turn.end;
    plain.role = this.roleOf(turn.speaker);
    turn.next = next;
    const after: Turn = { index: turn.index + 1, speaker: '', role: 'other', text: next ?? '' };
    turn.annotated = annotate(next === null ? [plain] : [plain, after])[0];
    turn.findings = detectTurn(turn.annotated, previous);
  }

  /** Roles may change as evidence comes in: the recent turns are read again with the new ones. */
  private updateRoles(): LiveEvent[] {
    const next = this.roles.roles();
    let changed = next.size !== this.roleMap.size;
    for (const [name, role] of next) if (this.roleMap.get(name) !== role) changed = true;
    this.roleMap = next;
    if (!changed) return [];
    let previous: AnnotatedTurn | undefined;
    for (const turn of this.window.slice(0, -1)) {
      if (turn.annotated.role !== this.roleOf(turn.speaker)) this.read(turn, previous, turn.next);
      previous = turn.annotated;
    }
    return [{ type: 'roles', speakers: [...next].map(([name, role]) => ({ name, role })) }];
  }

  /** The recent turns with the partial caption in place, as the detectors read them. */
  private view(): { turns: LiveTurn[]; provisional?: number } {
    const p = this.partial;
    if (!p?.text) return { turns: this.window };
    const open = this.window[this.window.length - 1];
    const same = open && open.key === p.speaker.toLowerCase();
    const temp: LiveTurn = {
      index: same ? open.index : this.turnCount,
      key: p.speaker.toLowerCase(),
      speaker: same ? open.speaker : (this.names.get(p.speaker.toLowerCase()) ?? p.speaker),
      text: same ? `${open.text} ${p.text}` : p.text,
      start: same ? open.start : p.start,
      end: p.end ?? open?.end,
      annotated: undefined as unknown as AnnotatedTurn,
      findings: [],
    };
    const before = same ? this.window.slice(0, -1) : this.window;
    this.read(temp, before[before.length - 1]?.annotated);
    return { turns: [...before, temp], provisional: temp.index };
  }

  /** The walk-points among the recent turns, graded and coached as the batch engine does. */
  private momentsOf(turns: LiveTurn[]): Moment[] {
    if (turns.length === 0) return [];
    const base = turns[0].index;
    const local = turns.map((t) => ({ ...t.annotated, index: t.index - base }));
    const findings = turns.flatMap((t) => t.findings.map((f) => ({ ...f, turn: f.turn - base })));
    const moments = findMoments(local, findings);
    for (const m of moments) {
      m.turn += base;
      if (m.response.turn !== undefined) m.response.turn += base;
      coachMoment(m);
    }
    return moments;
  }

  /** Compares the walk-points now with what was shown; returns the changes. */
  private refresh(): LiveEvent[] {
    const { turns, provisional } = this.view();
    const moments = this.momentsOf(turns).filter((m) => m.turn >= this.frozenBefore);
    const byTurn = new Map(turns.map((t) => [t.index, t]));
    const events: LiveEvent[] = [];
    const seen = new Set<number>();
    for (const m of moments) {
      seen.add(m.turn);
      const turn = byTurn.get(m.turn)!;
      const isProvisional = m.turn === provisional;
      const card = `${m.trigger.kind}|${m.trigger.subtype ?? ''}|${m.trigger.quote}`;
      const grade = `${m.response.kind}|${m.response.evidence}|${m.needsReview}`;
      const was = this.shown.get(m.turn);
      if (!was || was.card !== card || was.provisional !== isProvisional) {
        events.push(cardOf(m, turn.annotated, triggerFinding(m, turn.findings), isProvisional));
      }
      if (m.response.kind !== 'none' && was?.grade !== grade) {
        events.push(gradeOf(m, false));
      }
      this.shown.set(m.turn, {
        card,
        grade: m.response.kind === 'none' ? (was?.grade ?? '') : grade,
        provisional: isProvisional,
      });
      this.current.set(m.turn, m);
    }
    for (const turn of [...this.shown.keys()]) {
      if (turn < this.frozenBefore || seen.has(turn)) continue;
      this.shown.delete(turn);
      this.current.delete(turn);
      events.push({
        type: 'retract',
        turn,
        reason: 'the words that made it a walk-point changed, or the speaker is not the prospect',
      });
    }
    return events;
  }

  /** The latest state of each shown card. */
  private readonly current = new Map<number, Moment>();

  /**
   * Once the prospect has moved on (a real prospect turn that is over), the walk-points before it
   * are final: their grades are confirmed and their turns leave the window, keeping the context
   * the batch engine reads around the rest (the two rep turns before the latest walk-point).
   */
  private advance(): LiveEvent[] {
    const events: LiveEvent[] = [];
    let moved: number | undefined;
    for (let i = this.window.length - 2; i >= 0 && moved === undefined; i--) {
      const t = this.window[i];
      if (t.annotated.role === 'prospect' && isRealTurn(t.annotated, t.findings)) moved = i;
    }
    let keepFrom = 0;
    if (moved !== undefined) {
      events.push(...this.settle(this.window[moved].index));
      keepFrom = moved;
      for (let i = moved - 1, reps = 0; i >= 0 && reps < 2; i--) {
        keepFrom = i;
        if (this.window[i].annotated.role === 'rep') reps++;
      }
    }
    if (this.window.length - keepFrom > MAX_WINDOW) {
      keepFrom = this.window.length - MAX_WINDOW;
      events.push(...this.settle(this.window[keepFrom].index));
    }
    if (keepFrom > 0) this.window = this.window.slice(keepFrom);
    return events;
  }

  /** Confirms every card before turn `before`. */
  private settle(before: number): LiveEvent[] {
    const events: LiveEvent[] = [];
    for (const [turn, m] of [...this.current].sort((a, b) => a[0] - b[0])) {
      if (turn >= before) continue;
      this.settled.push(m);
      events.push(gradeOf(m, true));
      this.current.delete(turn);
      this.shown.delete(turn);
    }
    if (Number.isFinite(before)) this.frozenBefore = Math.max(this.frozenBefore, before);
    return events;
  }
}

/** The finding the moment's trigger rests on (it carries the detector and the explanation). */
function triggerFinding(m: Moment, findings: Finding[]): Finding | undefined {
  return findings.find(
    (f) =>
      f.reason === m.trigger.reason &&
      f.span[0] === m.trigger.span[0] &&
      f.span[1] === m.trigger.span[1] &&
      !f.overruled,
  );
}
