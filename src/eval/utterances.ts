import { readFileSync } from 'node:fs';
import { WalkpointError } from '../core/errors.js';
import { isTriggerKind, splitKind } from '../core/vocabulary.js';
import { everythingBaseline, keywordBaseline, questionMarkBaseline } from './baselines.js';
import { baseKinds, labelKinds, toUtterance, type Utterance } from './label.js';
import { LabelCounter, type Prf } from './metrics.js';

/**
 * Measures the engine on utterance JSON lines. A line's gold label is one of:
 * `kinds` (the project's own sets: every finding kind), `trigger` (a trigger kind or null, as
 * in ../shared/data/resper-p4g.jsonl) or `question` (true/false, as in swda-dev.jsonl).
 * A line with none of them is reported as unlabelled, never counted as a negative.
 */

export interface Miss {
  line: number;
  id?: string;
  text: string;
  gold: string[];
  predicted: string[];
}

export interface Comparison {
  engine: Prf;
  baselines: Record<string, Prf>;
}

export interface UtteranceEval {
  file: string;
  split?: string;
  lines: number;
  evaluated: number;
  unlabelled: number[];
  /** Questions as given, and with all punctuation removed (speech-to-text style). */
  question?: { asGiven: Comparison; noPunctuation: Comparison };
  /** Any trigger on prospect lines (resistance), with the baselines. */
  anyTrigger?: Comparison;
  /** Per finding kind (base kinds), engine and keyword baseline. */
  byKind?: { engine: Record<string, Prf>; keywords: Record<string, Prf> };
  /** Per trigger subtype. */
  bySubtype?: Record<string, Prf>;
  misses: Record<string, Miss[]>;
}

const PUNCTUATION = /[?!.,;:"“”]/g;

function binary(counter: LabelCounter, gold: boolean, predicted: boolean): void {
  counter.add(gold ? ['x'] : [], predicted ? ['x'] : []);
}

export interface UtteranceEvalOptions {
  split?: string;
  /** How many misses to keep per kind. */
  misses?: number;
}

export function evaluateUtterances(
  file: string,
  options: UtteranceEvalOptions = {},
): UtteranceEval {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WalkpointError('unreadable', `cannot read: ${(e as Error).message}`, { file });
  }
  const keepMisses = options.misses ?? 20;
  const result: UtteranceEval = {
    file,
    ...(options.split ? { split: options.split } : {}),
    lines: 0,
    evaluated: 0,
    unlabelled: [],
    misses: {},
  };
  const q = { engine: new LabelCounter(), mark: new LabelCounter() };
  const qStripped = { engine: new LabelCounter(), mark: new LabelCounter() };
  const any = {
    engine: new LabelCounter(),
    rules: new LabelCounter(),
    everything: new LabelCounter(),
    keywords: new LabelCounter(),
  };
  const kinds = { engine: new LabelCounter(), keywords: new LabelCounter() };
  const subtypes = new LabelCounter();
  let sawQuestion = false;
  let sawTrigger = false;
  let sawKinds = false;

  // a Map: the kinds come from the labels file, and "constructor" would find a built-in
  const misses = new Map<string, Miss[]>();
  const miss = (kind: string, m: Miss) => {
    const list = misses.get(kind) ?? [];
    misses.set(kind, list);
    if (list.length < keepMisses) list.push(m);
  };

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    const line = i + 1;
    result.lines++;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new WalkpointError('bad-json', `not valid JSON: ${(e as Error).message}`, {
        file,
        line,
      });
    }
    if (options.split && value.split !== options.split) continue;
    // question-only sets (Switchboard) name speakers A/B, not roles: questions are found on
    // either side, so such a line is read as "other"
    const u: Utterance = toUtterance(
      value,
      { file, line },
      typeof value.question === 'boolean' ? 'other' : undefined,
    );
    const hasKinds = Array.isArray(value.kinds);
    const hasTrigger =
      'trigger' in value && (value.trigger === null || typeof value.trigger === 'string');
    const hasQuestion = typeof value.question === 'boolean';
    if (!hasKinds && !hasTrigger && !hasQuestion) {
      result.unlabelled.push(line);
      continue;
    }
    if (hasKinds && !(value.kinds as unknown[]).every((k) => typeof k === 'string')) {
      throw new WalkpointError('bad-utterance', 'field "kinds" must be an array of strings', {
        file,
        line,
      });
    }
    result.evaluated++;
    const predicted = labelKinds(u);
    const predictedBase = baseKinds(predicted);
    const base = { line, id: u.id, text: u.text };

    if (hasQuestion) {
      sawQuestion = true;
      const gold = value.question as boolean;
      const got = predictedBase.includes('question');
      binary(q.engine, gold, got);
      binary(q.mark, gold, questionMarkBaseline(u.text));
      const stripped = u.text.replace(PUNCTUATION, '');
      const gotStripped = baseKinds(labelKinds({ ...u, text: stripped })).includes('question');
      binary(qStripped.engine, gold, gotStripped);
      binary(qStripped.mark, gold, questionMarkBaseline(stripped));
      if (gold !== got)
        miss('question', {
          ...base,
          gold: gold ? ['question'] : [],
          predicted: got ? ['question'] : [],
        });
    }

    let goldKinds: string[] | undefined;
    if (hasKinds) {
      sawKinds = true;
      goldKinds = value.kinds as string[];
    } else if (hasTrigger && u.role === 'prospect') {
      goldKinds = value.trigger ? [value.trigger as string] : [];
    }
    if (goldKinds && (hasTrigger || u.role === 'prospect')) {
      // resistance: any trigger on a prospect line
      if (u.role === 'prospect') {
        sawTrigger = sawTrigger || hasTrigger || hasKinds;
        const goldAny = goldKinds.some((k) => isTriggerKind(splitKind(k).kind));
        const gotAny = predictedBase.some(isTriggerKind);
        binary(any.engine, goldAny, gotAny);
        const rulesOnly = baseKinds(labelKinds(u, ['trigger-model'])).some(isTriggerKind);
        binary(any.rules, goldAny, rulesOnly);
        binary(any.everything, goldAny, everythingBaseline());
        binary(any.keywords, goldAny, keywordBaseline(u.text).length > 0);
        if (goldAny !== gotAny) {
          miss('any-trigger', { ...base, gold: goldKinds, predicted });
        }
      }
    }
    if (goldKinds) {
      const goldBase = baseKinds(goldKinds);
      const onlyTriggers = !hasKinds; // RESPER: only trigger kinds are labelled
      const pick = (ks: string[]) => (onlyTriggers ? ks.filter(isTriggerKind) : ks);
      kinds.engine.add(pick(goldBase), pick(predictedBase));
      kinds.keywords.add(pick(goldBase), baseKinds(keywordBaseline(u.text)));
      subtypes.add(
        goldKinds.filter((k) => k.includes(':')),
        predicted.filter((k) => k.includes(':') && isTriggerKind(splitKind(k).kind)),
      );
      for (const k of new Set([...pick(goldBase), ...pick(predictedBase)])) {
        if (goldBase.includes(k) !== predictedBase.includes(k))
          miss(k, { ...base, gold: goldKinds, predicted });
      }
    }
  }

  result.misses = Object.fromEntries(misses);
  if (sawQuestion) {
    result.question = {
      asGiven: {
        engine: q.engine.table(['x']).x,
        baselines: { 'question-mark': q.mark.table(['x']).x },
      },
      noPunctuation: {
        engine: qStripped.engine.table(['x']).x,
        baselines: { 'question-mark': qStripped.mark.table(['x']).x },
      },
    };
  }
  if (sawTrigger || sawKinds) {
    result.anyTrigger = {
      engine: any.engine.table(['x']).x,
      baselines: {
        'rules only (no trained model)': any.rules.table(['x']).x,
        everything: any.everything.table(['x']).x,
        keywords: any.keywords.table(['x']).x,
      },
    };
  }
  if (sawTrigger || sawKinds) {
    result.byKind = {
      engine: kinds.engine.table(),
      keywords: kinds.keywords.table(Object.keys(kinds.engine.table())),
    };
    result.bySubtype = subtypes.table();
  }
  return result;
}
