import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { WalkpointError } from '../core/errors.js';
import type { Analysis, Turn } from '../core/types.js';
import { type EvidenceItem, proposeEvidence } from '../deals/evidence/index.js';
import { sentencesOf } from '../deals/evidence/scan.js';
import { CRITERION_IDS, type CriterionId } from '../deals/rubric/criteria.js';
import { analyze } from '../engine/analyze.js';
import { parseTranscript } from '../parse/index.js';
import { dealKeywordBaseline } from './baselines.js';
import { findLabelFiles, readLabelsFile } from './calls.js';
import { Confusion, type Counts, type Prf, prf } from './metrics.js';

/**
 * Measures deal-review evidence on calls labelled blind (corpus/deals/labels/*.deal.json): for
 * each of the seven criteria, the sentences a careful seller would cite and the score 0/1/2.
 *
 * A labelled sentence is found in the call by its quote (case, punctuation and spacing aside);
 * when the quote occurs in several turns, the one nearest the labelled turn number wins (turns
 * counted as the engine's or as the file's segments). A predicted evidence sentence matches a labelled one when it lies in the
 * same turn and their character spans overlap; each side matches at most once.
 */

const scoreSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
const criterionLabelSchema = z.object({
  score: scoreSchema,
  evidence: z.array(z.object({ turn: z.number().int().min(1), quote: z.string().min(1) })),
  note: z.string().optional(),
});
const criteriaShape = Object.fromEntries(
  CRITERION_IDS.map((id) => [id, criterionLabelSchema]),
) as Record<CriterionId, typeof criterionLabelSchema>;
const dealLabelsSchema = z.object({
  /** The transcript, relative to the repository (or to the labels file). */
  call: z.string().min(1),
  split: z.enum(['train', 'dev', 'test']),
  labeller: z.string().min(1),
  /** The salesperson's speaker name(s); else the call's own labels file, else inferred. */
  rep: z.array(z.string()).min(1).optional(),
  criteria: z.object(criteriaShape),
});
export type DealLabels = z.infer<typeof dealLabelsSchema>;

export function readDealLabels(file: string): DealLabels {
  return readLabelsFile(file, dealLabelsSchema);
}

/** A sentence (or labelled quote) located in a turn: [start, end) in the turn's text. */
export interface Located {
  turn: number;
  start: number;
  end: number;
  quote: string;
}

export interface DealMiss {
  file: string;
  criterion: CriterionId;
  /** `missed`: labelled, not predicted; `extra`: predicted, not labelled; `score`: wrong score. */
  type: 'missed' | 'extra' | 'score';
  /** The file's 1-based segment where the turn starts (cue, line or row). */
  turn?: number;
  quote?: string;
  /** The cue or finding that fired (extra). */
  reason?: string;
  gold?: number;
  predicted?: number;
}

export interface CriterionEval {
  evidence: Prf;
  baseline: Prf;
  score: ReturnType<Confusion['toJSON']>;
  baselineScore: number;
}

export interface DealEval {
  calls: number;
  split?: string;
  matching: string;
  criteria: Record<CriterionId, CriterionEval>;
  overall: { evidence: Prf; baseline: Prf; scoreAccuracy: number; baselineScoreAccuracy: number };
  misses: DealMiss[];
  /** Per cue or finding id (`criterion/reason`): sentences it proposed that were labelled, and not. */
  reasons: Record<string, { hits: number; extras: number }>;
  warnings: string[];
}

export const MATCHING =
  'sentence level: a predicted evidence sentence matches a labelled one when it lies in the same turn and their character spans overlap (one to one)';

/** Letters and digits in lower case, everything else one space; `at` maps back to the text. */
function loose(text: string): { s: string; at: number[] } {
  let s = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i].toLowerCase();
    const word = /[\p{L}\p{N}]/u.test(ch);
    if (!word && (s.length === 0 || s.endsWith(' '))) continue;
    s += word ? ch : ' ';
    at.push(i);
  }
  return { s, at };
}

/**
 * The 1-based segment numbers (cues, lines, rows as the file reads) each engine turn spans: a
 * labeller may count the file's segments as turns where the engine merges one speaker's run.
 */
export function segmentRanges(turns: Turn[], segments: string[]): [number, number][] {
  const texts = segments.map((t) => t.trim()).filter(Boolean);
  let next = 0;
  return turns.map((turn) => {
    const first = next;
    let joined = texts[next++] ?? '';
    while (joined.length < turn.text.length && next < texts.length) joined += ` ${texts[next++]}`;
    return [first + 1, next];
  });
}

/**
 * Where the labelled quotes are in the call. A quote found in several turns goes to the one
 * nearest its labelled turn number, counted either as the engine's turns or as the file's
 * segments. Unfound quotes are reported through `warn`.
 */
export function locateQuotes(
  turns: Turn[],
  quotes: { turn: number; quote: string }[],
  ranges: [number, number][],
  warn: (message: string) => void,
): (Located | undefined)[] {
  const texts = turns.map((t) => loose(t.text));
  const distance = (turn: number, want: number) => {
    const [lo, hi] = ranges[turn] ?? [turn + 1, turn + 1];
    const bySegment = want < lo ? lo - want : want > hi ? want - hi : 0;
    return Math.min(Math.abs(turn + 1 - want), bySegment);
  };
  return quotes.map(({ quote, turn: want }) => {
    const q = loose(quote).s.trim();
    const found: Located[] = [];
    texts.forEach(({ s, at }, turn) => {
      for (let i = q ? s.indexOf(q) : -1; i >= 0; i = s.indexOf(q, i + 1)) {
        const end = at[i + q.length - 1] + 1;
        found.push({ turn, start: at[i], end, quote: turns[turn].text.slice(at[i], end) });
      }
    });
    if (found.length === 0) {
      warn(`turn ${want}: quote not found in the call: "${quote}"`);
      return undefined;
    }
    return found.reduce((best, c) =>
      distance(c.turn, want) < distance(best.turn, want) ? c : best,
    );
  });
}

/** One-to-one matching of predicted sentences to labelled ones (same turn, spans overlap). */
export function matchSentences(
  gold: Located[],
  predicted: Located[],
): { counts: Counts; missed: Located[]; extra: Located[] } {
  const used = new Set<number>();
  const extra: Located[] = [];
  for (const p of predicted) {
    const g = gold.findIndex(
      (x, i) => !used.has(i) && x.turn === p.turn && x.start < p.end && p.start < x.end,
    );
    if (g < 0) extra.push(p);
    else used.add(g);
  }
  const missed = gold.filter((_, i) => !used.has(i));
  return { counts: { tp: used.size, fp: extra.length, fn: missed.length }, missed, extra };
}

function unique(units: Located[]): Located[] {
  const seen = new Set<string>();
  return units.filter((u) => {
    const key = `${u.turn}:${u.start}:${u.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromEvidence(items: EvidenceItem[]): (Located & { reason: string })[] {
  return items
    .filter((e) => e.call === 0 && e.turn >= 0 && e.span)
    .map((e) => ({
      turn: e.turn,
      start: e.span![0],
      end: e.span![1],
      quote: e.quote,
      reason: e.reason,
    }));
}

/** The keyword baseline's evidence: every prospect sentence with a keyword of the criterion. */
function baselineUnits(turns: Turn[], criterion: CriterionId): Located[] {
  return turns.flatMap((t) =>
    t.role !== 'prospect'
      ? []
      : sentencesOf(t.text)
          .filter((s) => dealKeywordBaseline(criterion, s.text))
          .map((s) => ({ turn: t.index, start: s.start, end: s.end, quote: s.text })),
  );
}

/** The transcript a labels file names: from the working folder, or any folder above the file. */
function resolveCall(file: string, call: string): string {
  for (let dir = resolve(dirname(file)); ; dir = dirname(dir)) {
    const p = join(dir, call);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) break;
  }
  if (existsSync(call)) return resolve(call);
  throw new WalkpointError('bad-labels', `field "call": no such transcript: ${call}`, { file });
}

/**
 * The rep's names: the deal labels', else the call's own `<name>.labels.json`, else the
 * `reps.json` beside the transcript (file name to names), else none (roles inferred). A deal
 * review always knows its owner; the labels need not repeat it.
 */
function repOf(labels: DealLabels, transcript: string): string[] | undefined {
  if (labels.rep) return labels.rep;
  const names = (file: string, key: string): string[] | undefined => {
    if (!existsSync(file)) return undefined;
    const value = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)[key];
    return Array.isArray(value) ? value.map(String) : undefined;
  };
  return (
    names(transcript.replace(/\.[a-z]+$/i, '.labels.json'), 'rep') ??
    names(join(dirname(transcript), 'reps.json'), basename(transcript))
  );
}

/** A labelled call read, analysed, and its labelled sentences located, per criterion. */
export interface LabelledCall {
  labels: DealLabels;
  /** The labels file, relative to the working folder. */
  name: string;
  analysis: Analysis;
  /** The file's segments each engine turn spans (see segmentRanges). */
  ranges: [number, number][];
  gold: Record<CriterionId, Located[]>;
}

/** Reads one `*.deal.json` (undefined when it is not of `split`); unfound quotes go to `warn`. */
export function loadLabelledCall(
  file: string,
  split: string | undefined,
  warn: (message: string) => void,
  /** The same call already analysed with the same rep (a second labelling of it): not redone. */
  analysed?: { transcript: string; rep: string[] | undefined; analysis: Analysis },
): LabelledCall | undefined {
  const labels = readDealLabels(file);
  if (split && labels.split !== split) return undefined;
  const transcript = resolveCall(file, labels.call);
  const input = readFileSync(transcript);
  const rep = repOf(labels, transcript);
  const analysis =
    analysed && analysed.transcript === transcript && String(analysed.rep) === String(rep)
      ? analysed.analysis
      : analyze(input, { rep, file: transcript });
  const ranges = segmentRanges(
    analysis.turns,
    parseTranscript(input, { file: transcript }).segments.map((x) => x.text),
  );
  const name = relative(process.cwd(), file);
  const quotes = CRITERION_IDS.flatMap((criterion) =>
    labels.criteria[criterion].evidence.map((e) => ({ ...e, criterion })),
  );
  const located = locateQuotes(analysis.turns, quotes, ranges, (m) => warn(`${name}: ${m}`));
  const gold = Object.fromEntries(
    CRITERION_IDS.map((criterion) => [
      criterion,
      unique(
        located.filter(
          (l, i): l is Located => l !== undefined && quotes[i].criterion === criterion,
        ),
      ),
    ]),
  ) as Record<CriterionId, Located[]>;
  return { labels, name, analysis, ranges, gold };
}

export interface DealEvalOptions {
  split?: string;
}

/** `walkpoint eval --deals`: per criterion, evidence P/R/F1 and score accuracy, with a baseline. */
export function evaluateDeals(paths: string[], options: DealEvalOptions = {}): DealEval {
  const files = findLabelFiles(paths, '.deal.json');
  if (files.length === 0) {
    throw new WalkpointError('bad-eval-input', `no *.deal.json files under ${paths.join(', ')}`);
  }
  const engine = perCriterion();
  const keywords = perCriterion();
  const scores = Object.fromEntries(CRITERION_IDS.map((id) => [id, new Confusion()]));
  const baselineScores = Object.fromEntries(CRITERION_IDS.map((id) => [id, new Confusion()]));
  const misses: DealMiss[] = [];
  const warnings: string[] = [];
  const reasons: DealEval['reasons'] = {};
  let calls = 0;
  for (const file of files) {
    const loaded = loadLabelledCall(file, options.split, (m) => warnings.push(m));
    if (!loaded) continue;
    calls++;
    const { labels, analysis, ranges, name, gold: goldOf } = loaded;
    const proposals = proposeEvidence([{ label: labels.call, analysis }]);
    for (const criterion of CRITERION_IDS) {
      const label = labels.criteria[criterion];
      const gold = goldOf[criterion];
      const proposal = proposals[criterion];
      const predicted = unique(fromEvidence(proposal.evidence));
      const result = matchSentences(gold, predicted);
      for (const e of fromEvidence(proposal.evidence)) {
        const key = `${criterion}/${e.reason}`;
        reasons[key] ??= { hits: 0, extras: 0 };
        const r = reasons[key];
        if (gold.some((g) => g.turn === e.turn && g.start < e.end && e.start < g.end)) r.hits++;
        else r.extras++;
      }
      add(engine[criterion], result.counts);
      const baseline = unique(baselineUnits(analysis.turns, criterion));
      add(keywords[criterion], matchSentences(gold, baseline).counts);
      scores[criterion].add(String(label.score), String(proposal.score));
      baselineScores[criterion].add(String(label.score), baseline.length > 0 ? '1' : '0');
      for (const m of result.missed) {
        misses.push({
          file: name,
          criterion,
          type: 'missed',
          turn: ranges[m.turn][0],
          quote: m.quote,
        });
      }
      for (const e of result.extra) {
        const reason = fromEvidence(proposal.evidence).find(
          (x) => x.turn === e.turn && x.start === e.start,
        )?.reason;
        misses.push({
          file: name,
          criterion,
          type: 'extra',
          turn: ranges[e.turn][0],
          quote: e.quote,
          reason,
        });
      }
      if (label.score !== proposal.score) {
        misses.push({
          file: name,
          criterion,
          type: 'score',
          gold: label.score,
          predicted: proposal.score,
        });
      }
    }
  }
  const criteria = Object.fromEntries(
    CRITERION_IDS.map((id) => [
      id,
      {
        evidence: prf(engine[id]),
        baseline: prf(keywords[id]),
        score: scores[id].toJSON(),
        baselineScore: baselineScores[id].accuracy(),
      },
    ]),
  ) as Record<CriterionId, CriterionEval>;
  const accuracy = (c: Record<string, Confusion>) => {
    const all = Object.values(c);
    const total = all.reduce((n, x) => n + x.total, 0);
    return total ? Math.round((all.reduce((n, x) => n + x.correct, 0) / total) * 1000) / 1000 : 0;
  };
  return {
    ...reportHead(calls, options),
    criteria,
    overall: {
      evidence: prf(sum(engine)),
      baseline: prf(sum(keywords)),
      scoreAccuracy: accuracy(scores),
      baselineScoreAccuracy: accuracy(baselineScores),
    },
    misses,
    reasons,
    warnings,
  };
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/** What every deal report starts with: how many calls, which split, how sentences match. */
const reportHead = (calls: number, options: DealEvalOptions) => ({
  calls,
  ...(options.split ? { split: options.split } : {}),
  matching: MATCHING,
});

/** The counts of every criterion added up. */
const sum = (c: Record<string, Counts>): Counts => Object.values(c).reduce(add, zero());

/** A criterion's counts, one zeroed set per criterion. */
const perCriterion = (): Record<string, Counts> =>
  Object.fromEntries(CRITERION_IDS.map((id) => [id, zero()]));

function add(into: Counts, c: Counts): Counts {
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
  return into;
}

/** How far a second, independent labelling agrees with the first, beside the engine. */
export interface DealAgreement {
  /** Calls labelled by both. */
  calls: number;
  split?: string;
  matching: string;
  /** Per criterion: the second labeller's sentences scored against the first's, and the engine's. */
  criteria: Record<CriterionId, AgreementFigures>;
  overall: AgreementFigures;
  /** First-labelling files of the split with no second labelling. */
  unmatched: string[];
  warnings: string[];
}

export interface AgreementFigures {
  human: Prf;
  engine: Prf;
  /** The engine against both labellings: precision over sentences either cited, recall of those both cited. */
  engineBoth: BothLabellers;
  humanScore: number;
  engineScore: number;
}

/** Precision against the sentences either labeller cited, recall of the ones both cited. */
export interface BothLabellers {
  precision: number;
  recall: number;
  f1: number;
  /** Engine sentences, and those either labeller cited. */
  predicted: number;
  inEither: number;
  /** Sentences both labellers cited, and those the engine found. */
  both: number;
  bothFound: number;
}

function bothFigures(c: Omit<BothLabellers, 'precision' | 'recall' | 'f1'>): BothLabellers {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const precision = c.predicted ? c.inEither / c.predicted : 0;
  const recall = c.both ? c.bothFound / c.both : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: round(precision), recall: round(recall), f1: round(f1), ...c };
}

/**
 * `walkpoint eval --deals --agreement DIR`: the second labelling in DIR (`*.deal.json` naming the
 * same calls) measured against the first, as the engine is: the human ceiling for the evidence
 * figures, on the same calls and with the same matching.
 */
export function dealAgreement(
  paths: string[],
  second: string[],
  options: DealEvalOptions = {},
): DealAgreement {
  const seconds = findLabelFiles(second, '.deal.json');
  if (seconds.length === 0) {
    throw new WalkpointError('bad-eval-input', `no *.deal.json files under ${second.join(', ')}`);
  }
  const byCall = new Map<string, string>();
  for (const f of seconds) byCall.set(resolveCall(f, readDealLabels(f).call), f);
  const human = perCriterion();
  const engine = perCriterion();
  const agree = Object.fromEntries(CRITERION_IDS.map((id) => [id, { human: 0, engine: 0 }]));
  const both = Object.fromEntries(
    CRITERION_IDS.map((id) => [id, { predicted: 0, inEither: 0, both: 0, bothFound: 0 }]),
  );
  const warnings: string[] = [];
  const unmatched: string[] = [];
  let calls = 0;
  for (const file of findLabelFiles(paths, '.deal.json')) {
    if (seconds.some((s) => resolve(s) === resolve(file))) continue;
    const labels = readDealLabels(file);
    if (options.split && labels.split !== options.split) continue;
    const other = byCall.get(resolveCall(file, labels.call));
    if (!other) {
      unmatched.push(relative(process.cwd(), file));
      continue;
    }
    const first = loadLabelledCall(file, undefined, (m) => warnings.push(m))!;
    const transcript = resolveCall(file, labels.call);
    const next = loadLabelledCall(other, undefined, (m) => warnings.push(m), {
      transcript,
      rep: repOf(labels, transcript),
      analysis: first.analysis,
    })!;
    calls++;
    const proposals = proposeEvidence([{ label: labels.call, analysis: first.analysis }]);
    for (const id of CRITERION_IDS) {
      const pair = matchSentences(first.gold[id], next.gold[id]);
      add(human[id], pair.counts);
      const predicted = unique(fromEvidence(proposals[id].evidence));
      add(engine[id], matchSentences(first.gold[id], predicted).counts);
      // sentences both cited (the first's that the second matched), and either cited
      const agreed = first.gold[id].filter((g) => !pair.missed.includes(g));
      const b = both[id];
      b.predicted += predicted.length;
      b.inEither += matchSentences([...first.gold[id], ...pair.extra], predicted).counts.tp;
      b.both += agreed.length;
      b.bothFound += matchSentences(agreed, predicted).counts.tp;
      const score = labels.criteria[id].score;
      if (next.labels.criteria[id].score === score) agree[id].human++;
      if (proposals[id].score === score) agree[id].engine++;
    }
  }
  const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);
  const criteria = Object.fromEntries(
    CRITERION_IDS.map((id) => [
      id,
      {
        human: prf(human[id]),
        engine: prf(engine[id]),
        engineBoth: bothFigures(both[id]),
        humanScore: rate(agree[id].human, calls),
        engineScore: rate(agree[id].engine, calls),
      },
    ]),
  ) as DealAgreement['criteria'];
  const total = (k: 'human' | 'engine') =>
    rate(
      Object.values(agree).reduce((n, a) => n + a[k], 0),
      calls * CRITERION_IDS.length,
    );
  return {
    ...reportHead(calls, options),
    criteria,
    overall: {
      human: prf(sum(human)),
      engine: prf(sum(engine)),
      engineBoth: bothFigures(
        Object.values(both).reduce(
          (a, b) => ({
            predicted: a.predicted + b.predicted,
            inEither: a.inEither + b.inEither,
            both: a.both + b.both,
            bothFound: a.bothFound + b.bothFound,
          }),
          { predicted: 0, inEither: 0, both: 0, bothFound: 0 },
        ),
      ),
      humanScore: total('human'),
      engineScore: total('engine'),
    },
    unmatched,
    warnings,
  };
}
