import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotate, mergeSentences } from '../annotate/index.js';
import type { AnnotatedTurn, Finding, Sentence, Turn } from '../core/types.js';
import type { Role } from '../core/vocabulary.js';
import { detect } from '../detect/index.js';
import { type CallLabels, readLabels } from '../eval/calls.js';
import { responseWindow } from '../moments/index.js';
import { parseTranscript, toTurns } from '../parse/index.js';
import { assignRoles } from '../roles/index.js';

/**
 * Training units for the trigger model: one sentence (or a few, merged) with its gold class
 * (`none` or a trigger kind with subtype), from the project's own labelled data.
 */
export interface Unit {
  sentence: Sentence;
  role: Role;
  label: string;
  source: string;
  /** How much the unit counts in training (1 unless said otherwise). */
  weight?: number;
}

export { mergeSentences } from '../annotate/index.js';

const TRIGGER_PREFIX = /^(stall|objection|brush-off|withholding|demand)/;

/** A prospect line's class for the trigger model: its trigger kind, or `none`. */
export function triggerClass(kinds: string[]): string {
  return kinds.find((k) => TRIGGER_PREFIX.test(k)) ?? 'none';
}

/**
 * A rep line's class for the response model: what it does to a walk-point, the most decisive
 * act first (walking out outweighs a question asked on the way out).
 */
export function responseClass(kinds: string[]): string {
  const has = (k: string) => kinds.some((x) => x === k || x.startsWith(`${k}:`));
  if (has('walk-out')) return 'walk-out';
  if (has('concession')) return 'concession';
  if (has('give-up')) return 'give-up';
  if (has('tough-question') || has('pushback') || has('label')) return 'challenge';
  if (has('pitch')) return 'pitch';
  return 'none';
}

/** Units from utterance JSON lines of one split and one role. */
export function utteranceUnits(
  file: string,
  split: string,
  role: Role = 'prospect',
  classOf: (kinds: string[]) => string = triggerClass,
): Unit[] {
  const units: Unit[] = [];
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { split?: string; role: Role; text: string; kinds: string[] };
    if (row.split !== split || row.role !== role) continue;
    const turn: Turn = { index: 0, speaker: 'S', role, text: row.text };
    const [annotated] = annotate([turn]);
    if (annotated.sentences.length === 0) continue;
    units.push({
      sentence: mergeSentences(annotated.sentences),
      role,
      label: classOf(row.kinds),
      source: `${file}:${i + 1}`,
    });
  }
  return units;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

/** Each labelled call of a folder (one split, or all), read and annotated. */
function* labelledCalls(
  dir: string,
  split: string | undefined,
  keep: (labelsFile: string) => boolean,
): Generator<{ name: string; labels: CallLabels; annotated: AnnotatedTurn[] }> {
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.labels.json') || !keep(name)) continue;
    const labels = readLabels(join(dir, name));
    if (split && labels.split !== split) continue;
    const parsed = parseTranscript(readFileSync(join(dir, labels.call)), { file: labels.call });
    const { turns } = assignRoles(toTurns(parsed), { rep: labels.rep });
    yield { name, labels, annotated: annotate(turns) };
  }
}

/** Of an outside conversation's sentences that hold no walk-point, one in this many trains. */
export const OUTSIDE_NONE_EVERY = Number(process.env.WALKPOINT_OUTSIDE_NONE_EVERY ?? 3);

/**
 * How much a labelled reply from an outside conversation counts when the response model trains,
 * against 1 for the project's sales calls (0.4 and 1 cross-validate alike: own calls 0.930 against
 * 0.928, outside 0.571 against 0.565): persuasion and campsite replies teach other voices,
 * but their topic words ("the children", "firewood") must not decide a sales rep's grade.
 */
export const OUTSIDE_REPLY_WEIGHT = Number(process.env.WALKPOINT_OUTSIDE_REPLY_WEIGHT ?? 0.4);

/** Units from labelled calls of one split (or all, for examples without a split). */
export function callUnits(
  dir: string,
  split: string | undefined,
  keep: (labelsFile: string) => boolean = () => true,
): Unit[] {
  const units: Unit[] = [];
  for (const { name, labels, annotated } of labelledCalls(dir, split, keep)) {
    let plain = 0;
    for (const turn of annotated) {
      if (turn.role !== 'prospect') continue;
      const moment = labels.moments.find((m) => norm(turn.text).includes(norm(m.quote)));
      if (!moment) {
        for (const s of turn.sentences) {
          // conversations from outside sources are mostly small talk: a share of it teaches
          // what is not a walk-point without drowning the sales calls' own negatives
          if (labels.source && plain++ % OUTSIDE_NONE_EVERY !== 0) continue;
          units.push({
            sentence: s,
            role: 'prospect',
            label: 'none',
            source: `${name}#${turn.index}`,
          });
        }
        continue;
      }
      const at = norm(turn.text).indexOf(norm(moment.quote));
      const end = at + moment.quote.length;
      const inside = turn.sentences.filter((s) => s.end > at && s.start < end);
      if (inside.length === 0) continue;
      const label = moment.subtype ? `${moment.trigger}:${moment.subtype}` : moment.trigger;
      units.push({
        sentence: mergeSentences(inside),
        role: 'prospect',
        label,
        source: `${name}#${turn.index}`,
      });
    }
  }
  return units;
}

/** A labelled response's class for the response model (see RESPONSE_CLASSES in train.ts). */
export const RESPONSE_CLASS: Record<string, string> = {
  challenged: 'challenge',
  caved: 'concession',
  'gave-up': 'give-up',
  'walked-out': 'walk-out',
  'pitched-through': 'pitch',
};

/**
 * Units for the response model from labelled calls: everything the rep said after a labelled
 * walk-point, up to the prospect's next real turn, read as one unit with the labelled response.
 */
export function responseWindowUnits(
  dir: string,
  split: string | undefined,
  keep: (labelsFile: string) => boolean = () => true,
): Unit[] {
  const units: Unit[] = [];
  for (const { name, labels, annotated } of labelledCalls(dir, split, keep)) {
    // the window ends where the engine's does: the findings say which prospect turns are real
    let findings: Finding[] | undefined;
    for (const moment of labels.moments) {
      const label = RESPONSE_CLASS[moment.response];
      if (!label) continue;
      const at = annotated.findIndex(
        (t) => t.role === 'prospect' && norm(t.text).includes(norm(moment.quote)),
      );
      if (at < 0) continue;
      findings ??= detect(annotated);
      const said = responseWindow(annotated, findings, at).flatMap((t) => t.sentences);
      if (said.length === 0) continue;
      units.push({
        sentence: mergeSentences(said),
        role: 'rep',
        label,
        source: `${name}#${annotated[at].index}`,
        ...(labels.source ? { weight: OUTSIDE_REPLY_WEIGHT } : {}),
      });
    }
  }
  return units;
}
