import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readDataJson } from '../core/data.js';
import { WalkpointError } from '../core/errors.js';
import { TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import { TOPICS } from './topics.js';

/**
 * Practice scenarios: one JSON file each in data/scenarios, validated on load. A scenario is a
 * persona, hidden facts the trainee has to earn, the beats (the triggers the prospect throws, in
 * order), reaction rules and the lines the prospect says when the call turns or ends.
 */

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Where a session can end, best first. */
export const OUTCOMES = ['next-step', 'clean-no', 'prospect-left', 'walked-out'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const phrasings = z
  .array(z.string().trim().min(1, 'must not be empty'))
  .min(1, 'needs at least one phrasing');

const regexString = z.string().superRefine((s, ctx) => {
  try {
    new RegExp(s, 'i');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `is not a valid pattern (${(e as Error).message})` });
  }
});

const triggerSchema = z
  .strictObject({ kind: z.enum(TRIGGER_KINDS), subtype: z.string().optional() })
  .superRefine((t, ctx) => {
    const known: readonly string[] = TRIGGER_SUBTYPES[t.kind];
    if (t.subtype !== undefined && !known.includes(t.subtype)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subtype'],
        message: `"${t.subtype}" is not a subtype of ${t.kind} (known: ${known.join(', ') || 'none, leave it out'})`,
      });
    }
  });

const unit = z.number().min(0).max(1);

const conditionSchema = z.strictObject({
  revealed: z.array(z.string()).optional(),
  notRevealed: z.array(z.string()).optional(),
  minOpenness: unit.optional(),
  maxOpenness: unit.optional(),
});

const beatSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case words joined by "-"'),
  trigger: triggerSchema,
  lines: phrasings,
  /** Played only when this holds when its turn comes; skipped otherwise. */
  when: conditionSchema.optional(),
  /** What caving here leads to: the prospect asks for more (default) or takes it and goes. */
  onCaved: z.enum(['exploit', 'leave']).optional(),
});

const factSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case words joined by "-"'),
  topic: z.enum(TOPICS),
  /** Extra cue patterns for this fact, on top of the topic's word classes. */
  cues: z.array(regexString).optional(),
  /** How open the prospect must be before they say it; below it they deflect. */
  minOpenness: unit,
  lines: phrasings,
});

const delta = z.strictObject({ openness: z.number().min(-1).max(1), patience: z.number().int() });

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case words joined by "-"'),
  title: z.string().trim().min(1, 'must not be empty'),
  difficulty: z.enum(DIFFICULTIES),
  brief: z.string().trim().min(1, 'must not be empty'),
  persona: z.strictObject({
    name: z
      .string()
      .regex(/^[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2}$/, 'must be a short capitalised name'),
    title: z.string().min(1),
    company: z.string().min(1),
    industry: z.string().min(1),
    temperament: z.string().min(1),
  }),
  start: z.strictObject({ openness: unit, patience: z.number().int().min(1) }),
  goal: z.strictObject({
    /** Facts the trainee must earn before the prospect commits. */
    facts: z.array(z.string()).min(1),
    openness: unit,
    /** What the prospect gives once earned: a next step, or an honest no. */
    earned: z.enum(['next-step', 'clean-no']),
    /** Below the goal, an open enough prospect still gives a clean no instead of vanishing. */
    noOpenness: unit,
  }),
  facts: z.array(factSchema).min(1),
  opening: z.strictObject({
    trigger: triggerSchema.optional(),
    lines: phrasings,
    onCaved: z.enum(['exploit', 'leave']).optional(),
  }),
  beats: z.array(beatSchema).min(1),
  exploit: z.strictObject({ trigger: triggerSchema, lines: phrasings }),
  reactions: z
    .strictObject({
      challenged: delta.optional(),
      'pitched-through': delta.optional(),
      caved: delta.optional(),
    })
    .optional(),
  lines: z.strictObject({
    harden: phrasings,
    deflect: phrasings,
    waiting: phrasings,
    nextStep: phrasings,
    cleanNo: phrasings,
    leave: phrasings,
    takeIt: phrasings,
    gaveUp: phrasings,
  }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Beat = z.infer<typeof beatSchema>;
export type Fact = z.infer<typeof factSchema>;
export type ScenarioTrigger = z.infer<typeof triggerSchema>;
export type Condition = z.infer<typeof conditionSchema>;

/** What a scenario list shows (the `--format json` shape, plus who and what). */
export interface ScenarioSummary {
  name: string;
  title: string;
  difficulty: Difficulty;
  /** Every trigger the prospect may throw: `brush-off`, `objection:price`, ... */
  triggers: string[];
  persona: Scenario['persona'];
  brief: string;
}

/** Where the bundled scenarios live (the same from src/practice and dist/src/practice). */
export const SCENARIO_DIR = fileURLToPath(new URL('../../data/scenarios/', import.meta.url));

function path(issuePath: readonly PropertyKey[]): string {
  return issuePath
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
    .join('');
}

function invalid(file: string, message: string): never {
  throw new WalkpointError('scenario-invalid', `${message}; fix the scenario file`, { file });
}

/** Cross-field checks zod cannot see: ids referenced exist and are unique. */
function checkReferences(s: Scenario, file: string): void {
  const factIds = new Set<string>();
  for (const [i, f] of s.facts.entries()) {
    if (factIds.has(f.id)) invalid(file, `facts[${i}].id "${f.id}" appears twice`);
    factIds.add(f.id);
  }
  const known = (id: string, where: string) => {
    if (!factIds.has(id)) {
      invalid(
        file,
        `${where} names fact "${id}", which is not in facts (${[...factIds].join(', ')})`,
      );
    }
  };
  for (const [i, id] of s.goal.facts.entries()) known(id, `goal.facts[${i}]`);
  const beatIds = new Set<string>();
  for (const [i, b] of s.beats.entries()) {
    if (beatIds.has(b.id)) invalid(file, `beats[${i}].id "${b.id}" appears twice`);
    beatIds.add(b.id);
    for (const field of ['revealed', 'notRevealed'] as const) {
      for (const [j, id] of (b.when?.[field] ?? []).entries()) {
        known(id, `beats[${i}].when.${field}[${j}]`);
      }
    }
  }
}

/**
 * Validates a parsed scenario file. Throws WalkpointError naming the file and the field, e.g.
 * `cto.json: beats[2].trigger.subtype: "cheap" is not a subtype of objection ...`.
 */
export function parseScenario(data: unknown, file: string): Scenario {
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    invalid(file, `${path(issue.path) || 'scenario'}: ${issue.message}`);
  }
  const scenario = result.data;
  const stem = basename(file).replace(/\.json$/i, '');
  if (file.endsWith('.json') && stem !== scenario.name) {
    invalid(file, `name: "${scenario.name}" must match the file name "${stem}"`);
  }
  checkReferences(scenario, file);
  return scenario;
}

/** Reads and validates one scenario file. */
export function readScenarioFile(file: string): Scenario {
  const data = readDataJson(resolve(file), {
    code: 'scenario-invalid',
    fix: 'fix the scenario file',
    shown: file,
    what: 'the scenario',
  });
  return parseScenario(data, file);
}

const cache = new Map<string, Scenario[]>();

/** Every scenario in `dir` (the bundled ones by default), by difficulty then name. */
export function loadScenarios(dir: string = SCENARIO_DIR): Scenario[] {
  const hit = cache.get(dir);
  if (hit) return hit;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (e) {
    throw new WalkpointError(
      'scenario-dir',
      `cannot read the scenarios folder (${(e as Error).message}); restore data/scenarios`,
      { file: dir },
    );
  }
  const order = (d: Difficulty) => DIFFICULTIES.indexOf(d);
  const all = names
    .map((n) => readScenarioFile(join(dir, n)))
    .sort((a, b) => order(a.difficulty) - order(b.difficulty) || a.name.localeCompare(b.name));
  cache.set(dir, all);
  return all;
}

/** One scenario by name. Throws WalkpointError listing the names when it does not exist. */
export function loadScenario(name: string, dir: string = SCENARIO_DIR): Scenario {
  const all = loadScenarios(dir);
  const found = all.find((s) => s.name === name.trim().toLowerCase());
  if (!found) {
    throw new WalkpointError(
      'unknown-scenario',
      `unknown scenario "${name}"; choose one of: ${all.map((s) => s.name).join(', ')}`,
    );
  }
  return found;
}

function triggerName(t: ScenarioTrigger): string {
  return t.subtype ? `${t.kind}:${t.subtype}` : t.kind;
}

/** The triggers a scenario throws (opening, beats, the exploit), each once, in order. */
export function scenarioTriggers(s: Scenario): string[] {
  const all = [s.opening.trigger, ...s.beats.map((b) => b.trigger), s.exploit.trigger];
  return [...new Set(all.filter((t) => t !== undefined).map(triggerName))];
}

/** The scenarios as a list shows them. */
export function listScenarios(dir: string = SCENARIO_DIR): ScenarioSummary[] {
  return loadScenarios(dir).map((s) => ({
    name: s.name,
    title: s.title,
    difficulty: s.difficulty,
    triggers: scenarioTriggers(s),
    persona: s.persona,
    brief: s.brief,
  }));
}
