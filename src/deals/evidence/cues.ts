import { z } from 'zod';
import { loadData } from '../../core/data.js';
import type { CriterionId } from '../rubric/criteria.js';
import { DATE, MEETING_SLOT, MEETING_TIME, MONEY, QUANTITY } from './patterns.js';
import type { Cue, QuestionCue } from './types.js';

/**
 * Deal evidence phrase knowledge is data (data/deals/<criterion>.json): sentence cues with a
 * pattern (a case-insensitive regular expression over one sentence, where `{money}`,
 * `{quantity}`, `{date}` and `{meeting-time}` stand for the shared patterns of patterns.ts),
 * optional `near` words (in the sentence or the one before) and `unless` vetoes; and question
 * cues, a rep question whose answer evidences the criterion. Every entry has a note saying why
 * it counts and examples that must fire and near misses that must not (cues.test.ts).
 */

const pattern = z.string().min(1);
const examples = {
  fires: z.array(z.string().min(1)).min(1),
  silent: z.array(z.string().min(1)).min(1),
};
const cueSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  piece: z.string().min(1),
  strength: z.enum(['stated', 'vague']),
  pattern,
  near: pattern.optional(),
  unless: pattern.optional(),
  /** A finding kind (regular expression) that turns a match into counter-evidence. */
  counterFinding: pattern.optional(),
  role: z.enum(['prospect', 'rep']).optional(),
  /** The pattern reads capitals (a product or company name: "we use Zendesk"). */
  caseSensitive: z.boolean().optional(),
  note: z.string().min(1),
  ...examples,
});
const questionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  piece: z.string().min(1),
  strength: z.enum(['stated', 'vague']),
  pattern,
  unless: pattern.optional(),
  statement: z.boolean().optional(),
  answer: pattern.optional(),
  quoteQuestion: z.boolean().optional(),
  note: z.string().min(1),
  ...examples,
});
export const dealCueFileSchema = z.object({
  criterion: z.string(),
  description: z.string().min(1),
  cues: z.array(cueSchema),
  questions: z.array(questionSchema).default([]),
});

/** The cue data of one criterion, with the examples kept for the table test. */
export interface DealCueFile {
  cues: (Cue & { fires: string[]; silent: string[] })[];
  questions: (QuestionCue & { fires: string[]; silent: string[] })[];
}

const SHARED: Record<string, RegExp> = {
  money: MONEY,
  quantity: QUANTITY,
  date: DATE,
  'meeting-time': MEETING_TIME,
  'meeting-slot': MEETING_SLOT,
};

function compile(source: string, where: string, flags = 'i'): RegExp {
  const expanded = source.replace(/\{([a-z-]+)\}/g, (_, name: string) => {
    const shared = SHARED[name];
    if (!shared) throw new Error(`${where}: unknown shared pattern {${name}}`);
    return `(?:${shared.source})`;
  });
  try {
    return new RegExp(expanded, flags);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}

const loaded = new Map<CriterionId, DealCueFile>();

/** Loads and compiles data/deals/<criterion>.json (cached); names the file and entry on errors. */
export function dealCues(criterion: CriterionId): DealCueFile {
  const hit = loaded.get(criterion);
  if (hit) return hit;
  const name = `data/deals/${criterion}.json`;
  const parsed = { data: loadData(`deals/${criterion}.json`, dealCueFileSchema) };
  if (parsed.data.criterion !== criterion)
    throw new Error(`${name}: criterion is not ${criterion}`);
  const ids = new Set<string>();
  const check = (id: string) => {
    if (ids.has(id)) throw new Error(`${name}: duplicate id ${id}`);
    ids.add(id);
    return `${name} ${id}`;
  };
  const file: DealCueFile = {
    cues: parsed.data.cues.map((c) => {
      const where = check(c.id);
      return {
        ...c,
        pattern: compile(c.pattern, where, c.caseSensitive ? '' : 'i'),
        near: c.near ? compile(c.near, `${where} near`) : undefined,
        unless: c.unless ? compile(c.unless, `${where} unless`) : undefined,
        counterFinding: c.counterFinding
          ? compile(c.counterFinding, `${where} counter`)
          : undefined,
      };
    }),
    questions: parsed.data.questions.map((q) => {
      const where = check(q.id);
      return {
        ...q,
        pattern: compile(q.pattern, where),
        unless: q.unless ? compile(q.unless, `${where} unless`) : undefined,
        answer: q.answer ? compile(q.answer, `${where} answer`) : undefined,
      };
    }),
  };
  loaded.set(criterion, file);
  return file;
}

const phraseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  pattern,
  /** The pattern reads capitals (a name after "through"). */
  caseSensitive: z.boolean().optional(),
  note: z.string().min(1),
  ...examples,
});
export const dealPhraseFileSchema = z.object({
  description: z.string().min(1),
  phrases: z.array(phraseSchema),
});

/** A phrase list the finders read in code, compiled, with its examples for the table test. */
export interface DealPhrase {
  id: string;
  pattern: RegExp;
  note: string;
  fires: string[];
  silent: string[];
}

const PHRASES = 'data/deal-phrases.json';
let phrases: Map<string, DealPhrase> | undefined;

/** Every phrase list of data/deal-phrases.json (loaded once); names the file and entry on errors. */
export function dealPhrases(): Map<string, DealPhrase> {
  if (phrases) return phrases;
  const parsed = { data: loadData('deal-phrases.json', dealPhraseFileSchema) };
  const out = new Map<string, DealPhrase>();
  for (const p of parsed.data.phrases) {
    if (out.has(p.id)) throw new Error(`${PHRASES}: duplicate id ${p.id}`);
    const where = `${PHRASES} ${p.id}`;
    out.set(p.id, { ...p, pattern: compile(p.pattern, where, p.caseSensitive ? '' : 'i') });
  }
  phrases = out;
  return out;
}

/** One phrase list by id; a missing id names the file (check-data also checks ids named in code). */
export function dealPhrase(id: string): RegExp {
  const p = dealPhrases().get(id);
  if (!p) throw new Error(`${PHRASES}: no phrase list "${id}"`);
  return p.pattern;
}
