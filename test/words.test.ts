/**
 * The words a manager reads, over every bundled example and every corpus call: quotes are whole
 * sentences, coaching lines hold no unfilled slot and no piece of a sentence, and no sentence
 * meant for people carries an internal code ("decider-on-call", "objection:price") where plain
 * words are meant. Reads the analysis (src/engine/analyze.ts), the coaching and the deal review.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadQuestionBank } from '../src/coach/bank.js';
import type { Analysis, AnnotatedTurn } from '../src/core/types.js';
import { RESPONSE_KINDS, TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../src/core/vocabulary.js';
import { reviewDealFile } from '../src/deals/load.js';
import type { DealReview } from '../src/deals/review.js';
import { CRITERIA } from '../src/deals/rubric/criteria.js';
import { analyzeInDepth } from '../src/engine/analyze.js';
import { renderHtml } from '../src/render/html.js';

const root = new URL('../', import.meta.url).pathname;
const TRANSCRIPT = /\.(vtt|srt|txt|csv|json)$/;

function callFiles(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((f) => TRANSCRIPT.test(f) && !f.endsWith('.labels.json') && f !== 'reps.json')
    .map((f) => join(dir, f));
}

const files = [...callFiles('examples'), ...callFiles('corpus/calls')].sort();
const analysed = files.map((file) => {
  const { analysis, annotated } = analyzeInDepth(readFileSync(join(root, file)), { file });
  return { file, analysis, annotated };
});

const deals: { file: string; review: DealReview }[] = readdirSync(join(root, 'examples/deals'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, review: reviewDealFile(join(root, 'examples/deals', f)) }));

/** The characters of a turn's text that fall inside one of its sentences. */
function sentenceBounds(turn: AnnotatedTurn): { starts: Set<number>; ends: Set<number> } {
  return {
    starts: new Set(turn.sentences.map((s) => s.start)),
    ends: new Set(turn.sentences.map((s) => s.end)),
  };
}

/** Where `quote` (without an ellipsis) begins and ends in the turn, or undefined. */
function locate(turn: AnnotatedTurn, quote: string): [number, number] | undefined {
  const bare = quote.replace(/\s*…$/, '');
  const at = turn.text.indexOf(bare);
  return at < 0 ? undefined : [at, at + bare.length];
}

describe('trigger quotes are whole sentences', () => {
  test('every moment quotes the sentence(s) holding its cue, cut only between sentences', () => {
    let moments = 0;
    const bad: string[] = [];
    for (const { file, analysis, annotated } of analysed) {
      for (const m of analysis.moments) {
        moments++;
        const turn = annotated.find((t) => t.index === m.turn);
        assert.ok(turn, `${file}#${m.turn}: no turn`);
        const at = locate(turn, m.trigger.quote);
        const { starts, ends } = sentenceBounds(turn);
        if (!at || !starts.has(at[0]) || !ends.has(at[1])) {
          bad.push(`${file}#${m.turn}: "${m.trigger.quote}"`);
          continue;
        }
        // the cue itself is inside the quote
        if (m.trigger.span[0] < at[0] || m.trigger.span[0] >= at[1]) {
          bad.push(`${file}#${m.turn}: the cue is outside "${m.trigger.quote}"`);
        }
      }
    }
    assert.ok(moments > 500, `only ${moments} moments read`);
    assert.deepEqual(bad, []);
  });

  test('the next-step credit quotes a whole sentence, never a single cue word', () => {
    const bad: string[] = [];
    for (const { file, analysis, annotated } of analysed) {
      const step = analysis.metrics.nextStep;
      if (!step) continue;
      const turn = annotated.find((t) => t.index === step.turn);
      const at = turn && locate(turn, step.quote);
      const bounds = turn && sentenceBounds(turn);
      if (!at || !bounds?.starts.has(at[0]) || !bounds.ends.has(at[1])) {
        bad.push(`${file}: "${step.quote}"`);
      }
    }
    assert.deepEqual(bad, []);
  });
});

/** Question-bank moves that say the prospect's words back, by id. */
const QUOTING = new Map(loadQuestionBank().map((e) => [e.id, e]));

/** Words a sentence said back may leave off its front: throat-clearing, not content. */
const LEAD_IN_WORDS = new Set(
  'well so okay ok look listen honestly frankly basically actually anyway yeah yes yep no sure right and but oh see now wow oof alright hey hi i mean just you know to be honest'.split(
    ' ',
  ),
);

/**
 * Whether `back` is `sentence` whole, or its end after a clause that ends in a comma ("I'll be
 * honest with you, ...") or after throat-clearing words ("honestly that's...").
 */
function wholeOf(sentence: string, back: string): boolean {
  const all = plain(sentence);
  const tail = plain(back);
  if (tail.split(' ').length < 2 || !all.endsWith(tail)) return false;
  const dropped = all.slice(0, all.length - tail.length).trim();
  if (dropped === '') return true;
  if (dropped.split(' ').every((w) => LEAD_IN_WORDS.has(w))) return true;
  const last = dropped.split(' ').pop() ?? '';
  return new RegExp(`\\b${last}[,.;:]`, 'i').test(sentence.replace(/[‘’]/g, "'"));
}

/** Lower-case, fillers out, punctuation out: what a quote and its sentence share. */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"‘’]/g, (c) => (c === '‘' || c === '’' ? "'" : ''))
    .replace(/\b(?:u+m+|u+h+|uhm+|e+r+m*|hmm+|mm+|ah+|you know|like)\b/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything between double quotes in a coaching line. */
function saidBack(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

const UNFILLED = /[{}]|\bA and B\b|\bundefined\b|\bnull\b|\bNaN\b/;

describe('coaching lines', () => {
  test('no coaching line holds an unfilled slot or a placeholder', () => {
    const bad: string[] = [];
    for (const { file, analysis } of analysed) {
      for (const m of analysis.moments) {
        const lines = [
          ...m.suggestions.flatMap((s) => [s.text, s.why]),
          m.praise ?? '',
          m.response.explanation,
          m.reviewReason ?? '',
        ];
        for (const line of lines) if (UNFILLED.test(line)) bad.push(`${file}#${m.turn}: ${line}`);
      }
    }
    for (const { file, review } of deals) {
      for (const step of review.plan) {
        for (const q of step.questions) {
          if (UNFILLED.test(q.text)) bad.push(`${file} plan: ${q.text}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  test("the prospect's words said back are a whole sentence of the trigger quote", () => {
    let checked = 0;
    const bad: string[] = [];
    for (const { file, analysis } of analysed) {
      for (const m of analysis.moments) {
        const sentences = m.trigger.quote
          .replace(/\s*…$/, '')
          .split(/(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof)\.)(?<=[.?!])\s+/)
          .map((t) => t.replace(/[.?!]+$/, ''));
        for (const s of m.suggestions) {
          const entry = QUOTING.get(s.id);
          if (!entry?.quote) continue;
          for (const words of saidBack(s.text)) {
            checked++;
            // a mirror echoes a phrase of the sentence; every other move the sentence whole
            const whole =
              entry.technique === 'mirror'
                ? sentences.some((t) => plain(t).includes(plain(words)) && /\s/.test(words))
                : sentences.some((t) => wholeOf(t, words));
            if (!whole) bad.push(`${file}#${m.turn}: "${m.trigger.quote}" -> ${s.text}`);
          }
        }
      }
    }
    assert.ok(checked > 20, `only ${checked} lines said the prospect's words back`);
    assert.deepEqual(bad, []);
  });
});

/** The codes the engine and the deal review use inside: never meant for a person to read. */
function internalCodes(): Set<string> {
  const codes = new Set<string>();
  const add = (code: string) => {
    // a plain word ("stall", "budget") is also English; only compound codes give themselves away
    if (/[-:_/]/.test(code)) codes.add(code);
  };
  for (const kind of TRIGGER_KINDS) {
    add(kind);
    for (const sub of TRIGGER_SUBTYPES[kind]) add(`${kind}:${sub}`);
  }
  for (const kind of RESPONSE_KINDS) add(kind);
  for (const c of CRITERIA) {
    add(c.id);
    for (const piece of c.pieces) add(piece);
  }
  for (const { analysis } of analysed) {
    for (const f of analysis.findings) {
      add(f.kind);
      add(f.reason);
    }
    for (const m of analysis.moments) {
      add(m.trigger.reason);
      for (const r of m.response.reasons) add(r);
    }
  }
  for (const { review } of deals) {
    for (const line of review.rubric) {
      for (const e of [...line.proposed.evidence, ...line.proposed.counter]) add(e.reason);
    }
  }
  for (const e of QUOTING.values()) add(e.id);
  return codes;
}

/**
 * Vocabulary names a sentence may use as words: the product's own terms, read with their hyphen
 * ("a brush-off", "happy-ears" is not one of them).
 */
const WORDS_TOO = new Set([
  'brush-off',
  'walk-point',
  'follow-up',
  'push-back',
  'up-front',
  'decision-maker',
  'counter-offer',
]);

function codesIn(text: string, codes: Set<string>): string[] {
  const found: string[] = [];
  for (const token of text.match(/[A-Za-z][\w]*(?:[-:_/][\w]+)+/g) ?? []) {
    const t = token.toLowerCase();
    if (codes.has(t) && !WORDS_TOO.has(t)) found.push(token);
  }
  return found;
}

/** Every sentence of an analysis a person reads (the report, the web app, the coaching). */
function userText(a: Analysis): string[] {
  return [
    ...a.moments.flatMap((m) => [
      m.response.explanation,
      m.reviewReason ?? '',
      m.praise ?? '',
      ...m.suggestions.flatMap((s) => [s.text, s.why]),
    ]),
    ...a.findings.map((f) => f.explanation),
    ...a.score.components.flatMap((c) => [c.label, c.detail]),
    ...a.warnings,
  ];
}

function dealText(r: DealReview): string[] {
  return [
    r.bandReason,
    ...r.rubric.flatMap((line) => [
      line.label,
      line.proposed.why,
      ...line.proposed.evidence.map((e) => e.note),
    ]),
    ...r.plan.flatMap((s) => [s.label, ...s.questions.flatMap((q) => [q.text, q.why])]),
    ...r.warnings,
  ];
}

describe('plain words', () => {
  const codes = internalCodes();

  test('the codes to look for were collected', () => {
    for (const code of ['objection:price', 'decider-on-call', 'pitched-through']) {
      assert.ok(codes.has(code), code);
    }
  });

  test('no analysis sentence a person reads holds an internal code', () => {
    // one example per code found, so a failure lists every code once
    const bad: Record<string, string> = {};
    for (const { file, analysis } of analysed) {
      for (const text of userText(analysis)) {
        for (const code of codesIn(text, codes)) bad[code] ??= `${file}: "${text}"`;
      }
    }
    assert.deepEqual(bad, {});
  });

  test("the HTML report's text holds no internal code (the engine's details aside)", () => {
    const bad: Record<string, string> = {};
    for (const { file, analysis } of analysed) {
      const shown = renderHtml(analysis)
        .replace(/<style>[\s\S]*?<\/style>/g, '')
        .replace(/<details>[\s\S]*?<\/details>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      for (const code of codesIn(shown, codes)) bad[code] ??= file;
    }
    assert.deepEqual(bad, {});
  });

  test('no deal review sentence holds an internal code', () => {
    const bad: string[] = [];
    for (const { file, review } of deals) {
      for (const text of dealText(review)) {
        const found = codesIn(text, codes);
        if (found.length) bad.push(`${file}: ${found.join(', ')} in "${text}"`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
