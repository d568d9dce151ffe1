#!/usr/bin/env node
// Validates the labelled corpus: every calls/*.labels.json and every utterances/*.jsonl.
// Plain node, no dependencies. Usage: node corpus/check.mjs   (exit code 1 on any problem)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
// Mirrors src/vocabulary.ts (kept local so this script runs with no build step).
const SUBTYPES = {
  stall: ['info', 'think', 'later'],
  objection: ['price', 'timing', 'authority', 'incumbent', 'need', 'trust'],
  'brush-off': [],
  withholding: [],
  demand: ['free-work', 'concession', 'ultimatum'],
};
const RESPONSES = ['challenged', 'caved', 'gave-up', 'walked-out', 'pitched-through', 'none'];
const UTTERANCE_KINDS = ['question', 'tough-question', 'pushback', 'label', 'concession', 'give-up', 'walk-out', 'pitch', 'happy-ears', 'next-step'];
const SPLITS = ['train', 'dev', 'test'];
const ROLES = ['rep', 'prospect'];

const errors = [];
const fail = (where, msg) => errors.push(`${where}: ${msg}`);

function validKind(full) {
  const i = full.indexOf(':');
  const kind = i < 0 ? full : full.slice(0, i);
  const sub = i < 0 ? undefined : full.slice(i + 1);
  if (UTTERANCE_KINDS.includes(kind)) return sub === undefined;
  if (!(kind in SUBTYPES)) return false;
  return sub === undefined || SUBTYPES[kind].includes(sub);
}

function checkCalls() {
  const dir = join(ROOT, 'calls');
  if (!existsSync(dir)) return { calls: 0, moments: 0 };
  const files = readdirSync(dir);
  const labelled = new Set();
  let moments = 0;
  for (const f of files.filter((x) => x.endsWith('.labels.json')).sort()) {
    const where = `calls/${f}`;
    let l;
    try {
      l = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      fail(where, `not valid JSON (${e.message})`);
      continue;
    }
    if (typeof l.call !== 'string' || !files.includes(l.call)) {
      fail(where, `"call" must name an existing file in calls/ (got ${JSON.stringify(l.call)})`);
      continue;
    }
    labelled.add(l.call);
    const raw = readFileSync(join(dir, l.call), 'utf8');
    if (!SPLITS.includes(l.split)) fail(where, `split must be one of ${SPLITS.join(', ')}`);
    if (!Array.isArray(l.rep) || l.rep.length === 0 || l.rep.some((r) => typeof r !== 'string' || !raw.includes(r)))
      fail(where, '"rep" must be a non-empty list of speaker names that appear in the call');
    if (!Array.isArray(l.moments)) {
      fail(where, '"moments" must be a list');
      continue;
    }
    l.moments.forEach((m, i) => {
      const at = `${where} moment ${i + 1}`;
      moments++;
      if (typeof m.quote !== 'string' || !m.quote.trim()) fail(at, 'quote missing');
      else if (!raw.includes(m.quote)) fail(at, `quote not found in ${l.call}: ${JSON.stringify(m.quote)}`);
      if (!(m.trigger in SUBTYPES)) fail(at, `unknown trigger ${JSON.stringify(m.trigger)}`);
      else if (SUBTYPES[m.trigger].length === 0 && m.subtype !== undefined) fail(at, `${m.trigger} takes no subtype`);
      else if (SUBTYPES[m.trigger].length > 0 && !SUBTYPES[m.trigger].includes(m.subtype))
        fail(at, `${m.trigger} needs a subtype from ${SUBTYPES[m.trigger].join(', ')} (got ${JSON.stringify(m.subtype)})`);
      if (!RESPONSES.includes(m.response)) fail(at, `unknown response ${JSON.stringify(m.response)}`);
    });
  }
  for (const f of files) {
    if (f.endsWith('.labels.json') || f.startsWith('.')) continue;
    if (!labelled.has(f)) fail(`calls/${f}`, 'no labels file names this call');
  }
  return { calls: labelled.size, moments };
}

function checkUtterances() {
  const dir = join(ROOT, 'utterances');
  if (!existsSync(dir)) return 0;
  const ids = new Map();
  let count = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, n) => {
      if (!line.trim()) return;
      const where = `utterances/${f}:${n + 1}`;
      let u;
      try {
        u = JSON.parse(line);
      } catch (e) {
        fail(where, `not valid JSON (${e.message})`);
        return;
      }
      count++;
      if (typeof u.id !== 'string' || !u.id) fail(where, 'id missing');
      else if (ids.has(u.id)) fail(where, `duplicate id ${u.id} (first at ${ids.get(u.id)})`);
      else ids.set(u.id, where);
      if (!SPLITS.includes(u.split)) fail(where, `split must be one of ${SPLITS.join(', ')}`);
      if (!ROLES.includes(u.role)) fail(where, `role must be one of ${ROLES.join(', ')}`);
      if (typeof u.text !== 'string' || !u.text.trim()) fail(where, 'text missing');
      if (!Array.isArray(u.context) || u.context.some((c) => !ROLES.includes(c?.role) || typeof c?.text !== 'string'))
        fail(where, 'context must be a list of {role, text}');
      if (!Array.isArray(u.kinds)) fail(where, 'kinds must be a list');
      else
        for (const k of u.kinds) {
          if (typeof k !== 'string' || !validKind(k)) fail(where, `unknown kind ${JSON.stringify(k)}`);
        }
      if (Array.isArray(u.kinds) && new Set(u.kinds).size !== u.kinds.length) fail(where, 'duplicate kind');
    });
  }
  return count;
}

const { calls, moments } = checkCalls();
const utterances = checkUtterances();
if (errors.length) {
  console.error(errors.join('\n'));
  console.error(`\n${errors.length} problem(s).`);
  process.exit(1);
}
console.log(`ok: ${calls} calls, ${moments} moments, ${utterances} utterances`);
