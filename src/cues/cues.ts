import { createHash } from 'node:crypto';
import { z } from 'zod';
import { loadData } from '../core/data.js';
import type { Sentence } from '../core/types.js';
import { spanOf, textView } from './text-view.js';

/**
 * Cue patterns are data (data/cues/*.json, data/lexicon.json): a regular expression over the
 * sentence's normal forms (see text-view.ts), where `{name}` stands for a word class from the
 * lexicon. Each cue has an id (the finding's `reason`), a note saying why it signals the kind,
 * and examples that must fire and near misses that must not (checked by tests).
 */

const cueSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.string().regex(/^[a-z-]+(:[a-z-]+)?$/),
  pattern: z.string().min(1),
  unless: z.string().optional(),
  question: z.boolean().optional(),
  confidence: z.number().min(0).max(1),
  note: z.string().min(1),
  fires: z.array(z.string()).min(1),
  silent: z.array(z.string()).default([]),
  /**
   * The pattern names the act outright (a counter-offer with its price, a flat no): the trained
   * model, which learnt from fewer voices than the patterns cover, may not overrule it.
   */
  firm: z.boolean().optional(),
});
export type CueSpec = z.infer<typeof cueSchema>;

export const cueFileSchema = z.object({
  detector: z.string(),
  description: z.string(),
  cues: z.array(cueSchema).min(1),
});

export const lexiconSchema = z.record(
  z.string(),
  z.object({ note: z.string(), words: z.array(z.string()).min(1) }),
);

export interface Cue extends CueSpec {
  regex: RegExp;
  unlessRegex?: RegExp;
}

export interface CueMatch {
  cue: Cue;
  sentence: Sentence;
  span: [number, number];
  matched: string;
}

/**
 * A fingerprint of the lexicon's word classes (not its notes or layout): the trained models
 * read the classes as features, so a model file records the fingerprint it was trained with
 * and `npm run check-data` fails when the lexicon has changed since.
 */
export function lexiconFingerprint(lexicon: z.infer<typeof lexiconSchema>): string {
  const classes = Object.keys(lexicon)
    .sort()
    .map((name) => [name, lexicon[name].words]);
  return createHash('sha256').update(JSON.stringify(classes)).digest('hex').slice(0, 16);
}

/** The fingerprint of the lexicon this engine reads (data/lexicon.json). */
export function currentLexiconFingerprint(): string {
  return lexiconFingerprint(loadData('lexicon.json', lexiconSchema));
}

let lexicon: Record<string, string> | undefined;
let entries: Record<string, string[]> | undefined;

/** The word classes of data/lexicon.json as lists of phrases (cached). */
export function lexiconEntries(): Record<string, string[]> {
  entries ??= Object.fromEntries(
    Object.entries(loadData('lexicon.json', lexiconSchema)).map(([k, v]) => [k, v.words]),
  );
  return entries;
}

/** The word classes of data/lexicon.json as regular-expression sources (cached). */
export function wordClasses(): Record<string, string> {
  if (lexicon) return lexicon;
  lexicon = {};
  for (const [name, list] of Object.entries(lexiconEntries())) {
    // longest first so that "e mail" wins over "e"
    const words = [...list].sort((a, b) => b.length - a.length);
    lexicon[name] = `(?:${words.map((w) => w.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('|')})`;
  }
  return lexicon;
}

/**
 * Rewrites `^` and `$` (outside character classes) for the padded text of a view, where the
 * sentence is " words ": `^` becomes "just after the opening space", `$` "just before the
 * closing one".
 */
function padAnchors(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '^') out += '(?<=^ )';
    else if (ch === '$') out += '(?= $)';
    else out += ch;
  }
  return out;
}

/**
 * Expands `{class}` references and anchors the pattern on word boundaries. The expression runs
 * on a view's `padded` text (" words "): a match starts with the space before its first word,
 * which is about twice as fast as a look-behind for the boundary.
 */
export function compilePattern(pattern: string, where = 'pattern'): RegExp {
  const classes = wordClasses();
  const source = pattern.replace(/\{([a-z-]+)\}/g, (_, name: string) => {
    const cls = classes[name];
    if (!cls) throw new Error(`${where}: unknown word class {${name}} (see data/lexicon.json)`);
    return cls;
  });
  return new RegExp(` (?:${padAnchors(source)})(?= )`);
}

const loaded = new Map<string, Cue[]>();

/** Loads and compiles data/cues/<file>.json (cached). */
export function loadCues(file: string): Cue[] {
  const hit = loaded.get(file);
  if (hit) return hit;
  const data = loadData(`cues/${file}.json`, cueFileSchema);
  const ids = new Set<string>();
  const cues = data.cues.map((spec): Cue => {
    if (ids.has(spec.id)) throw new Error(`data/cues/${file}.json: duplicate cue id ${spec.id}`);
    ids.add(spec.id);
    const where = `data/cues/${file}.json cue ${spec.id}`;
    return {
      ...spec,
      regex: compilePattern(spec.pattern, where),
      unlessRegex: spec.unless ? compilePattern(spec.unless, `${where} (unless)`) : undefined,
    };
  });
  loaded.set(file, cues);
  return cues;
}

const unions = new WeakMap<Cue[], RegExp>();

/**
 * One regular expression that matches where any of the cues would: most sentences match no
 * cue, and one pass over them is about twice as fast as one per cue.
 */
function anyCue(cues: Cue[]): RegExp {
  let union = unions.get(cues);
  if (!union) {
    union = new RegExp(cues.map((c) => c.regex.source).join('|'));
    unions.set(cues, union);
  }
  return union;
}

/** The first cue match in a sentence for each cue that fires. */
export function matchCues(cues: Cue[], sentence: Sentence): CueMatch[] {
  const view = textView(sentence);
  if (view.text.length === 0 || !anyCue(cues).test(view.padded)) return [];
  const out: CueMatch[] = [];
  for (const cue of cues) {
    if (cue.question !== undefined && cue.question !== sentence.question) continue;
    const m = cue.regex.exec(view.padded);
    if (!m) continue;
    if (cue.unlessRegex?.test(view.padded)) continue;
    // m.index is the boundary space in the padded text, so it is the word's offset in `text`
    out.push({
      cue,
      sentence,
      span: spanOf(view, m.index, m.index + m[0].length - 1),
      matched: m[0].slice(1),
    });
  }
  return out;
}
