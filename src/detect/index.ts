import type { AnnotatedTurn, Finding } from '../core/types.js';
import type { DetectContext, Detector } from '../cues/types.js';
import { report } from './report.js';
import brushOff from './rules/brush-off.js';
import concession from './rules/concession.js';
import demand from './rules/demand.js';
import giveUp from './rules/give-up.js';
import happyEars from './rules/happy-ears.js';
import label from './rules/label.js';
import nextStep from './rules/next-step.js';
import objection from './rules/objection.js';
import pitch from './rules/pitch.js';
import pushback from './rules/pushback.js';
import question from './rules/question.js';
import stall from './rules/stall.js';
import toughQuestion from './rules/tough-question.js';
import triggerModel, { overrulePatterns } from './rules/trigger-model.js';
import walkOut from './rules/walk-out.js';
import withholding from './rules/withholding.js';

/** Every detector, in the order they run. A test checks each has a table test and a doc. */
export const detectors: Detector[] = [
  stall,
  objection,
  brushOff,
  withholding,
  demand,
  question,
  toughQuestion,
  pushback,
  label,
  concession,
  giveUp,
  walkOut,
  pitch,
  happyEars,
  nextStep,
  triggerModel,
];

function runOnTurn(
  list: Detector[],
  turn: AnnotatedTurn,
  turns: readonly AnnotatedTurn[],
  previousOther: AnnotatedTurn | undefined,
  findings: Finding[],
): void {
  for (const detector of list) {
    const ctx: DetectContext = {
      turn,
      turns,
      previousOther,
      report: (input) => findings.push(report(turn, detector.meta.id, input)),
    };
    detector.detect(ctx);
  }
}

/** Runs detectors over every turn; findings come out in turn order. */
export function runDetectors(list: Detector[], turns: readonly AnnotatedTurn[]): Finding[] {
  const findings: Finding[] = [];
  // The latest turn by someone else (turns alternate speakers, but a third party may speak):
  // the latest turn if another speaker said it, else the latest before that speaker's run.
  // Two indexes instead of a scan over every speaker, so a call with thousands of speakers
  // stays linear.
  let last: AnnotatedTurn | undefined;
  let lastByAnother: number | undefined;
  for (const turn of turns) {
    const otherIndex = last && last.speaker !== turn.speaker ? last.index : lastByAnother;
    const previousOther = otherIndex === undefined ? undefined : turns[otherIndex];
    runOnTurn(list, turn, turns, previousOther, findings);
    if (last && last.speaker !== turn.speaker) lastByAnother = last.index;
    last = turn;
  }
  return findings;
}

let firm: Set<string> | undefined;

/** `detector/reason` of every cue the model may not overrule. */
function firmReasons(): Set<string> {
  firm ??= new Set(detectors.flatMap((d) => (d.meta.firm ?? []).map((r) => `${d.meta.id}/${r}`)));
  return firm;
}

/** A finding from a cue that names the act outright (see `firm` in data/cues). */
export function isFirm(f: Finding): boolean {
  return firmReasons().has(`${f.detector}/${f.reason}`);
}

/** Runs every detector, or all but those named in `skip` (to measure what one adds). */
export function detect(turns: readonly AnnotatedTurn[], skip: readonly string[] = []): Finding[] {
  const list = skip.length ? detectors.filter((d) => !skip.includes(d.meta.id)) : detectors;
  const findings = runDetectors(list, turns);
  // rules and model combine both ways: the model adds triggers and overrules sure misreadings
  if (list.includes(triggerModel)) overrulePatterns(turns, findings, firmReasons());
  return findings;
}

/**
 * `detect` for one turn, as it would run inside the whole call: `previousOther` is the latest
 * earlier turn by another speaker (the only context a detector reads). For live calls, where
 * the call so far is not kept whole.
 */
export function detectTurn(
  turn: AnnotatedTurn,
  previousOther: AnnotatedTurn | undefined,
  skip: readonly string[] = [],
): Finding[] {
  const list = skip.length ? detectors.filter((d) => !skip.includes(d.meta.id)) : detectors;
  const findings: Finding[] = [];
  const turns: AnnotatedTurn[] = [];
  turns[turn.index] = turn;
  runOnTurn(list, turn, turns, previousOther, findings);
  if (list.includes(triggerModel)) overrulePatterns(turns, findings, firmReasons());
  return findings;
}

export type { Detector, DetectorMeta } from '../cues/types.js';
