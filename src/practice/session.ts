import { WalkpointError } from '../core/errors.js';
import type { ResponseKind } from '../core/vocabulary.js';
import {
  acceptsTheEnd,
  type PracticeTurn,
  proposesNextStep,
  type ReplyReading,
  readReply,
} from './grade.js';
import { nextRandom, seedState } from './rng.js';
import type { Condition, Fact, Outcome, Scenario, ScenarioTrigger } from './scenario.js';
import { topicHits } from './topics.js';

/** How one trainee reply was graded, and where it left the prospect. */
export interface ReplyGrade {
  /** Index in `turns` of the reply. */
  turn: number;
  /** Index in `turns` of the prospect line it answers. */
  prospectTurn: number;
  /** The trigger of that prospect line: the scenario's, else the one the engine found. */
  trigger?: { kind: string; subtype?: string };
  /** The trigger the engine itself found in that line (absent when it found none). */
  detected?: { kind: string; subtype?: string; quote: string };
  response: ResponseKind;
  explanation: string;
  evidence: string;
  reasons: string[];
  /** The prospect's state after the reply. */
  openness: number;
  patience: number;
  /** The hidden fact this reply earned. */
  revealed?: string;
}

/**
 * A practice call in progress or finished: plain JSON, so a server can store it and hand it
 * back. Every function here takes a session and returns a new one; none mutates its input.
 */
export interface PracticeSession {
  version: 1;
  scenario: string;
  seed: number;
  /** The PRNG state: the next phrasing choice depends only on the seed and the replies. */
  rng: number;
  /** The trainee's name in the transcript. */
  rep: string;
  turns: PracticeTurn[];
  grades: ReplyGrade[];
  /** 0..1: how much the prospect is willing to say. */
  openness: number;
  /** Replies the prospect will still sit through. */
  patience: number;
  /** The beat the prospect is pressing: -1 the opening, `beats.length` when all are thrown. */
  beat: number;
  caves: number;
  revealed: string[];
  outcome: Outcome | null;
}

export interface StartOptions {
  seed?: number;
  /** The trainee's name in the transcript (default "You"). */
  rep?: string;
}

type Reactive = 'challenged' | 'pitched-through' | 'caved';

/** How openness and patience move per graded reply; a scenario may override any of them. */
const DEFAULT_REACTIONS: Record<Reactive, { openness: number; patience: number }> = {
  challenged: { openness: 0.15, patience: 0 },
  'pitched-through': { openness: -0.15, patience: -1 },
  caved: { openness: -0.1, patience: 0 },
};

/** Caving twice tells the prospect everything they need: they take it and go. */
const CAVES_BEFORE_THEY_TAKE_IT = 2;

const REP_NAME = /^[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2}$/;

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;

/** Picks a phrasing with the session's PRNG, avoiding a line already said when it can. */
function pick(lines: readonly string[], s: PracticeSession): string {
  const { value, state } = nextRandom(s.rng);
  s.rng = state;
  const start = Math.floor(value * lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[(start + i) % lines.length];
    if (!s.turns.some((t) => t.text.includes(line))) return line;
  }
  return lines[start];
}

function holds(when: Condition | undefined, s: PracticeSession): boolean {
  if (!when) return true;
  return (
    (when.revealed ?? []).every((id) => s.revealed.includes(id)) &&
    (when.notRevealed ?? []).every((id) => !s.revealed.includes(id)) &&
    s.openness >= (when.minOpenness ?? 0) &&
    s.openness <= (when.maxOpenness ?? 1)
  );
}

function goalMet(sc: Scenario, s: PracticeSession): boolean {
  return sc.goal.facts.every((id) => s.revealed.includes(id)) && s.openness >= sc.goal.openness;
}

function currentTrigger(sc: Scenario, s: PracticeSession): ScenarioTrigger | undefined {
  if (s.beat < 0) return sc.opening.trigger;
  return sc.beats[s.beat]?.trigger;
}

function currentLines(sc: Scenario, s: PracticeSession): readonly string[] | undefined {
  if (s.beat < 0) return sc.opening.lines;
  return sc.beats[s.beat]?.lines;
}

/** Starts a practice call: the prospect's opening line. */
export function startSession(scenario: Scenario, options: StartOptions = {}): PracticeSession {
  const rep = options.rep ?? 'You';
  if (!REP_NAME.test(rep) || rep === scenario.persona.name) {
    throw new WalkpointError(
      'bad-rep-name',
      `"${rep}" cannot be the trainee's name; use one to three capitalised words, not the prospect's`,
    );
  }
  const seed = Math.trunc(options.seed ?? 1);
  const s: PracticeSession = {
    version: 1,
    scenario: scenario.name,
    seed,
    rng: seedState(seed),
    rep,
    turns: [],
    grades: [],
    openness: scenario.start.openness,
    patience: scenario.start.patience,
    beat: -1,
    caves: 0,
    revealed: [],
    outcome: null,
  };
  s.turns.push({
    speaker: scenario.persona.name,
    role: 'prospect',
    text: pick(scenario.opening.lines, s),
    ...(scenario.opening.trigger ? { trigger: { ...scenario.opening.trigger } } : {}),
  });
  return s;
}

/** One line the prospect says next: parts joined into one turn, and the trigger it throws. */
interface ProspectLine {
  parts: string[];
  trigger?: ScenarioTrigger;
  revealed?: string;
}

function end(s: PracticeSession, outcome: Outcome, line: ProspectLine): ProspectLine {
  s.outcome = outcome;
  return line;
}

/** The prospect runs out of patience: what they have been given decides how they go. */
function endByPatience(sc: Scenario, s: PracticeSession, line: ProspectLine): ProspectLine {
  if (goalMet(sc, s)) return earnedEnd(sc, s, line);
  if (s.openness >= sc.goal.noOpenness) {
    return end(s, 'clean-no', { ...line, parts: [...line.parts, pick(sc.lines.cleanNo, s)] });
  }
  return end(s, 'prospect-left', { ...line, parts: [...line.parts, pick(sc.lines.leave, s)] });
}

function earnedEnd(sc: Scenario, s: PracticeSession, line: ProspectLine): ProspectLine {
  const lines = sc.goal.earned === 'next-step' ? sc.lines.nextStep : sc.lines.cleanNo;
  return end(s, sc.goal.earned, { ...line, parts: [...line.parts, pick(lines, s)] });
}

function applyReaction(sc: Scenario, s: PracticeSession, kind: Reactive): void {
  const d = sc.reactions?.[kind] ?? DEFAULT_REACTIONS[kind];
  s.openness = round(s.openness + d.openness);
  s.patience += d.patience;
}

/** The unrevealed fact the reply reaches most strongly (the first listed on a tie). */
function factReached(sc: Scenario, s: PracticeSession, reply: string): Fact | undefined {
  let best: Fact | undefined;
  let bestHits = 0;
  for (const f of sc.facts) {
    if (s.revealed.includes(f.id)) continue;
    const hits = topicHits(reply, f.topic, f.cues);
    if (hits > bestHits) {
      best = f;
      bestHits = hits;
    }
  }
  return best;
}

/** A challenge: earn a fact if the question reaches it, then the next beat, or the end. */
function onChallenge(sc: Scenario, s: PracticeSession, reading: ReplyReading, reply: string) {
  if (acceptsTheEnd(reading.response)) {
    const outcome = s.openness >= sc.goal.noOpenness ? 'clean-no' : 'prospect-left';
    const lines = outcome === 'clean-no' ? sc.lines.cleanNo : sc.lines.leave;
    return end(s, outcome, { parts: [pick(lines, s)] });
  }
  applyReaction(sc, s, 'challenged');
  const line: ProspectLine = { parts: [] };
  const fact = factReached(sc, s, reply);
  if (fact && s.openness < fact.minOpenness) {
    // Asked too early: the prospect withholds it and keeps pressing the same point.
    if (s.patience <= 0) return endByPatience(sc, s, line);
    return { parts: [pick(sc.lines.deflect, s)], trigger: { kind: 'withholding' as const } };
  }
  if (fact) {
    s.revealed = [...s.revealed, fact.id];
    line.parts.push(pick(fact.lines, s));
    line.revealed = fact.id;
  }
  if (goalMet(sc, s) && proposesNextStep(reading.findings)) return earnedEnd(sc, s, line);
  let next = s.beat + 1;
  while (next < sc.beats.length && !holds(sc.beats[next].when, s)) next++;
  s.beat = Math.min(next, sc.beats.length);
  if (s.patience <= 0) return endByPatience(sc, s, line);
  const beat = sc.beats[next];
  if (beat) return { ...line, parts: [...line.parts, pick(beat.lines, s)], trigger: beat.trigger };
  if (goalMet(sc, s)) return earnedEnd(sc, s, line);
  return { ...line, parts: [...line.parts, pick(sc.lines.waiting, s)] };
}

/** A pitch over the resistance: the prospect hardens and presses the same point again. */
function onPitch(sc: Scenario, s: PracticeSession): ProspectLine {
  applyReaction(sc, s, 'pitched-through');
  const harden = pick(sc.lines.harden, s);
  if (s.patience <= 0) return endByPatience(sc, s, { parts: [harden] });
  const again = currentLines(sc, s);
  const trigger = currentTrigger(sc, s);
  return { parts: again ? [harden, pick(again, s)] : [harden], ...(trigger ? { trigger } : {}) };
}

/** A cave: the prospect takes it and asks for more, or takes it and goes. */
function onCave(sc: Scenario, s: PracticeSession): ProspectLine {
  applyReaction(sc, s, 'caved');
  s.caves += 1;
  const onCaved = s.beat < 0 ? sc.opening.onCaved : sc.beats[s.beat]?.onCaved;
  if (onCaved === 'leave' || s.caves >= CAVES_BEFORE_THEY_TAKE_IT || s.patience <= 0) {
    return end(s, 'prospect-left', { parts: [pick(sc.lines.takeIt, s)] });
  }
  return { parts: [pick(sc.exploit.lines, s)], trigger: sc.exploit.trigger };
}

function react(
  sc: Scenario,
  s: PracticeSession,
  reading: ReplyReading,
  reply: string,
): ProspectLine | undefined {
  s.patience -= 1;
  switch (reading.response.kind) {
    case 'walked-out':
      s.outcome = 'walked-out';
      return undefined; // the call ends at once: no one is left to answer
    case 'gave-up':
    case 'none':
      return end(s, 'prospect-left', { parts: [pick(sc.lines.gaveUp, s)] });
    case 'challenged':
      return onChallenge(sc, s, reading, reply);
    case 'pitched-through':
      return onPitch(sc, s);
    case 'caved':
      return onCave(sc, s);
  }
}

/**
 * The trainee says `reply`: the engine grades it in the context of the call, the prospect's
 * openness and patience move, and the prospect answers (or the call ends). Deterministic: the
 * same scenario, seed and replies always give the same call. Throws WalkpointError for an empty
 * reply, a finished session, or a session of another scenario.
 */
export function submitReply(
  scenario: Scenario,
  session: PracticeSession,
  reply: string,
): PracticeSession {
  if (session.scenario !== scenario.name) {
    throw new WalkpointError(
      'wrong-scenario',
      `this session is for scenario "${session.scenario}", not "${scenario.name}"`,
    );
  }
  if (session.outcome) {
    throw new WalkpointError('session-over', `the call is over (${session.outcome}); start again`);
  }
  const text = reply.replace(/\s+/g, ' ').trim();
  if (!text) throw new WalkpointError('empty-reply', 'say something: the reply is empty');

  const s: PracticeSession = structuredClone(session);
  s.turns.push({ speaker: s.rep, role: 'rep', text });
  const reading = readReply(s.turns, s.rep);
  const prospectTurn = s.turns.length - 2;
  const answered = s.turns[prospectTurn];
  const line = react(scenario, s, reading, text);
  const { detected } = reading;
  s.grades.push({
    turn: s.turns.length - 1,
    prospectTurn,
    ...(answered.trigger
      ? { trigger: answered.trigger }
      : detected
        ? {
            trigger: {
              kind: detected.kind,
              ...(detected.subtype ? { subtype: detected.subtype } : {}),
            },
          }
        : {}),
    ...(detected
      ? {
          detected: {
            kind: detected.kind,
            ...(detected.subtype ? { subtype: detected.subtype } : {}),
            quote: detected.quote,
          },
        }
      : {}),
    response: reading.response.kind,
    explanation: reading.response.explanation,
    evidence: reading.response.evidence,
    reasons: reading.response.reasons,
    openness: s.openness,
    patience: s.patience,
    ...(line?.revealed ? { revealed: line.revealed } : {}),
  });
  if (line && line.parts.length > 0) {
    s.turns.push({
      speaker: scenario.persona.name,
      role: 'prospect',
      text: line.parts.join(' '),
      ...(line.trigger ? { trigger: { ...line.trigger } } : {}),
      ...(line.revealed ? { revealed: [line.revealed] } : {}),
    });
  }
  return s;
}

/** Plays a list of replies from the start; stops when the call ends. */
export function playReplies(
  scenario: Scenario,
  replies: readonly string[],
  options: StartOptions = {},
): { session: PracticeSession; unused: number } {
  let session = startSession(scenario, options);
  let used = 0;
  for (const reply of replies) {
    if (session.outcome) break;
    if (!reply.trim()) {
      used++;
      continue;
    }
    session = submitReply(scenario, session, reply);
    used++;
  }
  return { session, unused: replies.length - used };
}
