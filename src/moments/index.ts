import { mergeSentences, quoteSentences, sentenceAt } from '../annotate/index.js';
import { clip } from '../coach/explain.js';
import type {
  AnnotatedTurn,
  Finding,
  Moment,
  MomentResponse,
  MomentTrigger,
} from '../core/types.js';
import {
  isTriggerKind,
  type ResponseKind,
  splitKind,
  type TriggerKind,
} from '../core/vocabulary.js';
import { mentionsWhen } from '../cues/when.js';
import { isFirm } from '../detect/index.js';
import { guessResponse } from '../model/shipped.js';
import { phrase, reasons } from './phrases.js';

/**
 * Turns prospect findings into walk-point moments and grades what the rep said next, before the
 * prospect's next real turn. The grade rests on the rep's findings, in this order of weight:
 * walking out, a challenge that is not then given away, a concession, giving up, a pitch.
 */

/** When two triggers are equally sure, the harder moment wins. */
const TRIGGER_WEIGHT: Record<TriggerKind, number> = {
  demand: 5,
  objection: 4,
  'brush-off': 3,
  withholding: 2,
  stall: 1,
};

const CHALLENGE_KINDS = new Set(['tough-question', 'pushback', 'label']);

/** Phrases and cue groups from data/grading.json (each with its note and examples there). */
const BACKCHANNEL = phrase('backchannel');
const ACCEPTING = phrase('accepting');
const CLEAN_NO = phrase('clean-no');
const LOGISTICS = phrase('logistics');
const OPEN_QUESTION = phrase('open-question');
const NEAR_TIME = phrase('near-time');
const OFFER_REASONS = reasons('offer');
const FOLLOW_UP_REASONS = reasons('follow-up');
const EXIT_REASONS = reasons('exit');
const REFUSAL_REASONS = reasons('refusal');

/** The text of the sentence a finding sits in (its quote when the sentence is not found). */
function sentenceOf(turns: AnnotatedTurn[], f: Finding): string {
  const turn = turns.find((t) => t.index === f.turn);
  return (turn && sentenceAt(turn, f.span[0]))?.text ?? f.quote;
}

/** A prospect turn that carries the conversation, not a "yeah" or "mm-hmm". */
export function isRealTurn(turn: AnnotatedTurn, findings: Finding[]): boolean {
  if (findings.some((f) => f.turn === turn.index)) return true;
  return !BACKCHANNEL.test(turn.text.trim()) && turn.words > 2;
}

const fromModel = (f: Finding) => f.detector === 'trigger-model';

/** Whether trigger finding `f` should replace `best` as the turn's trigger. */
function beats(f: Finding, best: Finding): boolean {
  // a firm cue and a model reading: the cue decides, whatever the model's confidence
  if (isFirm(f) && !isFirm(best) && fromModel(best)) return true;
  if (isFirm(best) && !isFirm(f) && fromModel(f)) return false;
  if (f.confidence > best.confidence + 0.05) return true;
  if (Math.abs(f.confidence - best.confidence) > 0.05) return false;
  // a near tie: a pattern over the model, then the harder moment
  if (fromModel(f) !== fromModel(best)) return !fromModel(f);
  const kind = splitKind(f.kind).kind as TriggerKind;
  return TRIGGER_WEIGHT[kind] > TRIGGER_WEIGHT[splitKind(best.kind).kind as TriggerKind];
}

/**
 * The trigger a turn's moment rests on. A firm cue (it names the act outright) decides the
 * kind over the trained model; otherwise the surer finding wins, and on a near tie a pattern
 * (it can say exactly what matched) beats the model, then the harder moment wins.
 */
function strongestTrigger(findings: Finding[]): Finding | undefined {
  const triggers = findings.filter((f) => isTriggerKind(splitKind(f.kind).kind));
  let best: Finding | undefined;
  for (const f of triggers) if (!best || beats(f, best)) best = f;
  // a no with a reason is the reason: "no thank you, I give to local charities" is the
  // incumbent, not a brush-off
  if (best && REFUSAL_REASONS.has(best.reason)) {
    let reason: Finding | undefined;
    for (const f of triggers) {
      if (splitKind(f.kind).kind === 'brush-off') continue;
      if (!reason || f.confidence > reason.confidence) reason = f;
    }
    if (reason) return reason;
  }
  return best;
}

function toTrigger(f: Finding, turn: AnnotatedTurn): MomentTrigger {
  const { kind, subtype } = splitKind(f.kind);
  return {
    kind: kind as TriggerKind,
    ...(subtype ? { subtype } : {}),
    span: f.span,
    quote: quoteSentences(turn, f.span) ?? f.quote,
    confidence: f.confidence,
    reason: f.reason,
  };
}

function response(
  kind: ResponseKind,
  why: Finding[] | string,
  confidence: number,
  explanation: string,
  turn?: AnnotatedTurn,
): MomentResponse {
  const reasons = typeof why === 'string' ? [why] : why.map((f) => `${f.kind}/${f.reason}`);
  const evidence =
    typeof why === 'string'
      ? (turn?.text.slice(0, 200) ?? '')
      : why.map((f) => f.quote).join(' … ');
  return {
    kind,
    ...(turn ? { turn: turn.index } : {}),
    evidence,
    reasons,
    explanation,
    confidence: Math.round(confidence * 100) / 100,
  };
}

/** Orders findings as they were said: by turn, then by position in the turn. */
function bySaid(a: Finding, b: Finding): number {
  return a.turn - b.turn || a.span[0] - b.span[0];
}

/** The least probability at which the response model's "challenge" is believed (chosen on dev). */
const MODEL_CHALLENGE_MIN = 0.9;

/** Below this probability a model reading gives way to an open question the rep asked. */
const WEAK_READING = 0.6;

const MODEL_RESPONSE: Record<string, ResponseKind> = {
  'walk-out': 'walked-out',
  'give-up': 'gave-up',
  concession: 'caved',
  challenge: 'challenged',
  pitch: 'pitched-through',
};

/** The response model's surest reading of the rep's sentences, as a graded response. */
function modelReading(
  repTurns: AnnotatedTurn[],
  offersOnly: boolean,
  asked: boolean,
): MomentResponse | undefined {
  type Reading = {
    turn: AnnotatedTurn;
    text: string;
    guess: NonNullable<ReturnType<typeof guessResponse>>;
  };
  // the model reads a challenge into bare acknowledgements ("I understand completely."), so a
  // challenge is taken from it only when it is sure; the patterns find most real ones
  // nor when the only questions the rep asked offer their own next move ("would a demo help?")
  // and a rep who asks the prospect something has not given up or walked out, whatever topic
  // words the model learnt those from
  const believed = (g: ReturnType<typeof guessResponse>) =>
    g !== undefined &&
    (g.kind !== 'challenge' || (g.probability >= MODEL_CHALLENGE_MIN && !offersOnly)) &&
    !(asked && (g.kind === 'give-up' || g.kind === 'walk-out'));
  let best: Reading | undefined;
  // the whole reply read at once comes first: the model learnt from whole labelled replies
  const all = repTurns.flatMap((t) => t.sentences);
  if (all.length > 1) {
    const whole = guessResponse(mergeSentences(all));
    if (whole && believed(whole)) {
      best = { turn: repTurns[0], text: all.map((x) => x.text).join(' '), guess: whole };
    }
  }
  // otherwise the surest sentence
  for (const turn of best ? [] : repTurns) {
    for (const sentence of turn.sentences) {
      const guess = guessResponse(sentence);
      if (guess && believed(guess) && (!best || guess.probability > best.guess.probability)) {
        best = { turn, text: sentence.text, guess };
      }
    }
  }
  if (!best) return undefined;
  const kind = MODEL_RESPONSE[best.guess.kind];
  return {
    kind,
    turn: best.turn.index,
    evidence: best.text,
    reasons: [`model/${best.guess.kind}`],
    explanation: `No pattern decided it; the trained model reads "${clip(best.text, 80)}" as ${best.guess.kind} (p=${best.guess.probability}), mostly from ${best.guess.because.join(', ') || 'the sentence as a whole'}.`,
    confidence: Math.round(best.guess.probability * 0.8 * 100) / 100,
  };
}

export function gradeResponse(
  repTurns: AnnotatedTurn[],
  repFindings: Finding[],
  cleanNoAfterChallenge: boolean,
): MomentResponse {
  if (repTurns.length === 0) {
    return response(
      'none',
      'no-rep-turn',
      0.9,
      'The rep did not respond before the call ended or the prospect moved on.',
    );
  }
  const first = repTurns[0];
  const said = [...repFindings].sort(bySaid);
  const of = (kind: string) => said.filter((f) => splitKind(f.kind).kind === kind);
  const walkOut = of('walk-out');
  const pitches = of('pitch');
  const monologue = pitches.find((f) => f.reason === 'feature-monologue');
  // a label followed by letting go ("sounds like a bad time, I'll let you go") only softens
  // the exit; "I get it, but..." in front of a feature monologue is a pitch, not push-back
  const lastGiveUp = of('give-up').pop();
  // questions that offer the rep's own next move ("would that help with the budget?") or ask
  // for the same yes again ("would you reconsider?"): they neither challenge nor trade
  const offers = pitches.filter((f) => OFFER_REASONS.has(f.reason));
  const sentence = (f: Finding) => {
    const turn = repTurns.find((t) => t.index === f.turn);
    return turn && sentenceAt(turn, f.span[0]);
  };
  // in the same sentence as one of those
  const isOffer = (f: Finding) =>
    offers.some((o) => o.turn === f.turn && sentence(o) === sentence(f));
  const challenges = said.filter((f) => {
    const kind = splitKind(f.kind).kind;
    if (kind === 'label' && lastGiveUp && bySaid(f, lastGiveUp) < 0) return false;
    if (kind === 'tough-question' && isOffer(f)) return false;
    return CHALLENGE_KINDS.has(kind) && !(monologue && kind === 'pushback');
  });
  // a follow-up the rep promises for a near, definite time ("I'll check back in next week",
  // "on Tuesday") accepts the stall on the prospect's terms: that is caving, not letting go
  const promised = (f: Finding) => {
    if (!FOLLOW_UP_REASONS.has(f.reason)) return false;
    if (NEAR_TIME.test(sentenceOf(repTurns, f))) return true;
    const turn = repTurns.find((t) => t.index === f.turn);
    const sentence = turn && sentenceAt(turn, f.span[0]);
    return sentence !== undefined && mentionsWhen(sentence);
  };
  const concessions = said.filter(
    (f) =>
      splitKind(f.kind).kind === 'concession' ||
      (splitKind(f.kind).kind === 'give-up' && promised(f)),
  );
  const giveUps = of('give-up').filter((f) => !promised(f));
  // an open question (what, how, why...), with or without its question mark
  const questions = of('question');
  const openQuestions = questions.filter(
    (f) =>
      (/wh-question|asking-opener/.test(f.reason) || OPEN_QUESTION.test(f.quote)) &&
      !LOGISTICS.test(f.quote) &&
      !isOffer(f),
  );
  const offersOnly = questions.length > 0 && questions.every(isOffer);
  const turnOf = (f: Finding) => repTurns.find((t) => t.index === f.turn) ?? first;

  const lastConcession = concessions[concessions.length - 1];
  const lastChallenge = challenges[challenges.length - 1];
  // Closing the meeting ("let's leave it there", "I'll let you go") is walking out, unless a
  // follow-up keeps a door open (that is giving up) or a clean no has already been earned.
  const followUps = giveUps.filter(
    (f) => !EXIT_REASONS.has(f.reason) && f.reason !== 'no-pressure',
  );
  const exits =
    followUps.length === 0 && !cleanNoAfterChallenge
      ? giveUps.filter((f) => EXIT_REASONS.has(f.reason))
      : [];
  const closings = [...walkOut, ...exits].sort(bySaid);
  const lastEnding = closings[closings.length - 1];
  // a label or question on the way out ("sounds like it's not a fit, so I'll stop here") does
  // not undo the exit; a question after it does
  // (an exit and a challenge read from the same words, "we're probably not the right fit",
  // is the exit: a takeaway challenges only when a question follows it)
  if (lastEnding && (!lastChallenge || bySaid(lastEnding, lastChallenge) >= 0)) {
    return response(
      'walked-out',
      closings,
      lastEnding.confidence,
      'The rep ended the conversation instead of staying to ask.',
      turnOf(lastEnding),
    );
  }
  if (lastChallenge && (!lastConcession || bySaid(lastChallenge, lastConcession) > 0)) {
    const kinds = [...new Set(challenges.map((f) => splitKind(f.kind).kind))].join(', ');
    // reduce, not Math.max(...): a spread of 100,000+ findings overflows the stack
    const conf = lastConcession
      ? 0.6
      : challenges.reduce((max, f) => Math.max(max, f.confidence), Number.NEGATIVE_INFINITY);
    const traded = lastConcession ? ' It gave something, then asked for something back.' : '';
    return response(
      'challenged',
      challenges,
      conf,
      `The rep stayed and challenged (${kinds}).${traded}`,
      turnOf(lastChallenge),
    );
  }
  if (lastConcession) {
    return response(
      'caved',
      concessions,
      lastConcession.confidence,
      'The rep gave in and asked for nothing back.',
      turnOf(lastConcession),
    );
  }
  // a long feature monologue answers the resistance with a pitch, whatever polite words open it
  if (monologue) {
    return response(
      'pitched-through',
      [monologue],
      monologue.confidence,
      'The rep kept presenting instead of addressing the resistance.',
      turnOf(monologue),
    );
  }
  // "no pressure", "totally understand" acknowledge; they do not end the pursuit by themselves
  const endings = giveUps.filter((f) => f.reason !== 'no-pressure');
  if (endings.length > 0) {
    if (cleanNoAfterChallenge) {
      return response(
        'challenged',
        endings,
        0.6,
        'A clean no after tough questions: the rep challenged first, then accepted the answer.',
        turnOf(endings[0]),
      );
    }
    return response(
      'gave-up',
      endings,
      endings[0].confidence,
      'The rep let the prospect go with no next step.',
      turnOf(endings[0]),
    );
  }
  // No pattern decided it: ask the trained response model (src/model), trained on the labelled
  // responses of the corpus calls, before reading bare question forms.
  const askedReally = questions.some((f) => !isOffer(f) && !LOGISTICS.test(f.quote));
  const read = modelReading(repTurns, offersOnly, askedReally);
  // a weak model reading does not outweigh a plain open question ("where does the thirty percent
  // come from?"): the model is least sure on voices it has not seen
  if (read && !(openQuestions.length > 0 && read.confidence < WEAK_READING * 0.8)) return read;
  if (openQuestions.length > 0) {
    return response(
      'challenged',
      openQuestions,
      0.55,
      'The rep stayed curious with an open question.',
      turnOf(openQuestions[0]),
    );
  }
  // a question clause inside a run-on ("that's fair so what would it take"), as speech-to-text
  // writes it
  const embedded = repTurns.find((t) =>
    t.sentences.some((s) => s.questionCue === 'embedded-question'),
  );
  if (embedded) {
    return response(
      'challenged',
      'embedded-question',
      0.5,
      'The rep asked a question inside a longer sentence.',
      embedded,
    );
  }
  if (pitches.length > 0) {
    return response(
      'pitched-through',
      pitches,
      pitches[0].confidence,
      'The rep kept presenting instead of addressing the resistance.',
      turnOf(pitches[0]),
    );
  }
  const text = repTurns.map((t) => t.text).join(' ');
  const words = repTurns.reduce((n, t) => n + t.words, 0);
  const asked = repTurns.some((t) =>
    t.sentences.some((s) => s.question && !LOGISTICS.test(s.text)),
  );
  if (!asked && words >= 40) {
    return response(
      'pitched-through',
      'long-turn-no-question',
      0.5,
      'A long rep turn with no question: the resistance was talked over.',
      first,
    );
  }
  if (!asked && ACCEPTING.test(text)) {
    return response(
      'caved',
      'accepted',
      0.55,
      "The rep accepted the prospect's position without asking anything.",
      first,
    );
  }
  if (asked) {
    return response(
      'challenged',
      'closed-question',
      0.4,
      'The rep answered with a question, though not a hard one.',
      first,
    );
  }
  return response(
    'caved',
    'no-challenge',
    0.4,
    'The rep moved on without challenging the prospect.',
    first,
  );
}

function groupByTurn(findings: Finding[]): Map<number, Finding[]> {
  const byTurn = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = byTurn.get(f.turn);
    if (list) list.push(f);
    else byTurn.set(f.turn, [f]);
  }
  return byTurn;
}

/**
 * The rep's reply to a walk-point at `turnIndex`: their turns after it, up to the prospect's
 * next real turn. The one window the engine grades and the response model learns from.
 */
export function responseWindow(
  turns: readonly AnnotatedTurn[],
  findings: Finding[],
  turnIndex: number,
  byTurn: Map<number, Finding[]> = groupByTurn(findings),
): AnnotatedTurn[] {
  const repTurns: AnnotatedTurn[] = [];
  for (let i = turnIndex + 1; i < turns.length; i++) {
    const t = turns[i];
    if (t.role === 'rep') repTurns.push(t);
    // only this turn's findings: the whole list per turn would cost findings x turns
    else if (t.role === 'prospect' && isRealTurn(t, byTurn.get(t.index) ?? [])) break;
  }
  return repTurns;
}

/**
 * Grades the rep's response to a walk-point at `turnIndex`: their turns after it, up to the
 * prospect's next real turn. Exported so that evaluation can grade responses at labelled
 * moments, apart from trigger detection.
 */
export function responseAt(
  turns: readonly AnnotatedTurn[],
  findings: Finding[],
  byTurn: Map<number, Finding[]> = groupByTurn(findings),
  turnIndex: number,
): MomentResponse {
  const repTurns = responseWindow(turns, findings, turnIndex, byTurn);
  const repFindings = repTurns.flatMap((t) => byTurn.get(t.index) ?? []);

  // A clean no after tough questions: the prospect says a definite no, and the rep had
  // challenged in the exchange just before it.
  let earlierChallenge = false;
  for (let i = turnIndex - 1, seen = 0; i >= 0 && seen < 2; i--) {
    if (turns[i].role !== 'rep') continue;
    seen++;
    if ((byTurn.get(i) ?? []).some((f) => CHALLENGE_KINDS.has(splitKind(f.kind).kind))) {
      earlierChallenge = true;
    }
  }
  const definiteNo = CLEAN_NO.test(turns[turnIndex].text);
  return gradeResponse(repTurns, repFindings, earlierChallenge && definiteNo);
}

/** Grades read from the reply's form alone, when no pattern and no sure model reading decided. */
const FORM_ONLY = new Set([
  'closed-question',
  'no-challenge',
  'accepted',
  'embedded-question',
  'long-turn-no-question',
]);

/** Below this the response model's reading is not believed without review (probability). */
const MODEL_SURE = 0.9;
/** Below this the trigger model's reading is not believed without review (probability). */
const TRIGGER_SURE = 0.65;

/**
 * How sure the engine is of a moment, and whether a person should review it: the grade rests on
 * the reply's form alone, the trained model is unsure of the grade or of the trigger, or the
 * reply is graded a challenge though the rep asked nothing. See docs/scoring.md.
 */
export function certainty(
  trigger: Finding,
  graded: MomentResponse,
  reply: readonly AnnotatedTurn[],
): { confidence: number; needsReview: boolean; reviewReason?: string } {
  const reasons: string[] = [];
  const byModel = graded.reasons.some((r) => r.startsWith('model/'));
  if (graded.reasons.some((r) => FORM_ONLY.has(r))) {
    reasons.push('the grade rests on the form of the reply alone');
  } else if (byModel && graded.confidence < MODEL_SURE * 0.8) {
    reasons.push('the trained model is not sure what the reply does');
  } else if (
    graded.reasons.some((r) => r === 'model/give-up' || r === 'model/walk-out') &&
    !graded.reasons.some((r) => r.startsWith('give-up/') || r.startsWith('walk-out/'))
  ) {
    // quitting is the gravest charge against a rep, and the model learnt it from few replies
    reasons.push('only the trained model reads this reply as letting go');
  }
  const asked = reply.some((t) => t.sentences.some((s) => s.question));
  if (graded.kind === 'challenged' && byModel && !asked) {
    reasons.push('it reads as a challenge, but the rep asked nothing');
  }
  if (trigger.detector === 'trigger-model' && trigger.confidence < TRIGGER_SURE * 0.9) {
    reasons.push('the trained model is not sure this is a walk-point');
  }
  const raw = trigger.confidence * graded.confidence;
  const confidence = Math.round((reasons.length ? Math.min(raw, 0.5) : raw) * 100) / 100;
  return reasons.length
    ? { confidence, needsReview: true, reviewReason: `Unsure: ${reasons.join('; ')}.` }
    : { confidence, needsReview: false };
}

export function findMoments(turns: readonly AnnotatedTurn[], findings: Finding[]): Moment[] {
  const byTurn = groupByTurn(findings);
  const moments: Moment[] = [];
  for (const turn of turns) {
    if (turn.role !== 'prospect') continue;
    const trigger = strongestTrigger((byTurn.get(turn.index) ?? []).filter((f) => !f.overruled));
    if (!trigger) continue;

    const graded = responseAt(turns, findings, byTurn, turn.index);
    const reply = responseWindow(turns, findings, turn.index, byTurn);
    moments.push({
      turn: turn.index,
      speaker: turn.speaker,
      trigger: toTrigger(trigger, turn),
      response: graded,
      suggestions: [],
      ...certainty(trigger, graded, reply),
    });
  }
  return moments;
}
