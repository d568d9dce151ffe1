/**
 * `npm run check-data [-- --data DIR --src DIR --write-schemas --verbose]`: checks every data file the
 * engine and the app read, beyond what each loader checks on its own: each against its schema
 * (the same zod schema its loader uses), cue kinds against the vocabulary, ids unique across
 * files, ids and names the code refers to by string present in the data, cue files that no
 * detector loads, word classes that exist, patterns that compile, long pattern lines
 * (warnings), and the lexicon the trained models were fitted with (a changed lexicon changes
 * the models' inputs: retrain). Exit 1 on any error, with one line per problem naming the file.
 *
 * `--write-schemas` writes the JSON Schema of each kind to docs/data/ (docs/data-formats.md
 * says what each file is for); a check fails when a committed schema is out of date.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { bankEntrySchema } from '../src/coach/bank.js';
import { praiseSchema } from '../src/coach/praise.js';
import { FINDING_KINDS, TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../src/core/vocabulary.js';
import { cueFileSchema, lexiconFingerprint, lexiconSchema } from '../src/cues/cues.js';
import { dealCueFileSchema, dealPhraseFileSchema } from '../src/deals/evidence/cues.js';
import { planSchema } from '../src/deals/plan.js';
import { gradingSchema } from '../src/moments/phrases.js';
import { scenarioSchema } from '../src/practice/scenario.js';
import { selfcheckSchema } from '../src/selfcheck/items.js';

export interface Problem {
  level: 'error' | 'warning';
  /** The file, relative to the project (data/cues/stall.json). */
  file: string;
  message: string;
}

/** Pattern lines longer than this are hard to review; split them into word classes or cues. */
export const LONG_PATTERN = 600;

/** Each kind of data file: where it is and the schema its loader reads it with. */
export const KINDS: { kind: string; files: string; schema: z.ZodType }[] = [
  { kind: 'cues', files: 'cues/*.json', schema: cueFileSchema },
  { kind: 'lexicon', files: 'lexicon.json', schema: lexiconSchema },
  { kind: 'grading', files: 'grading.json', schema: gradingSchema },
  { kind: 'question-bank', files: 'question-bank.json', schema: z.array(bankEntrySchema) },
  { kind: 'praise', files: 'praise.json', schema: praiseSchema },
  { kind: 'deal-plan', files: 'deal-plan.json', schema: planSchema },
  { kind: 'deal-evidence', files: 'deals/*.json', schema: dealCueFileSchema },
  { kind: 'deal-phrases', files: 'deal-phrases.json', schema: dealPhraseFileSchema },
  { kind: 'selfcheck', files: 'selfcheck.json', schema: selfcheckSchema },
  { kind: 'scenario', files: 'scenarios/*.json', schema: scenarioSchema },
];

function filesOf(dataDir: string, spec: string): string[] {
  if (!spec.includes('*')) return existsSync(join(dataDir, spec)) ? [spec] : [];
  const [dir] = spec.split('/');
  if (!existsSync(join(dataDir, dir))) return [];
  return readdirSync(join(dataDir, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** Every .ts file under `dir`, tests left out (they may name ids that must not exist). */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Checks the data under `dataDir` (and what the code under `srcDir` names in it). */
export function checkData(dataDir: string, srcDir: string): Problem[] {
  const problems: Problem[] = [];
  const where = (rel: string) => `data/${rel}`;
  const error = (rel: string, message: string) =>
    problems.push({ level: 'error', file: where(rel), message });
  const warn = (rel: string, message: string) =>
    problems.push({ level: 'warning', file: where(rel), message });
  const parsed = new Map<string, unknown>();

  for (const { files, schema } of KINDS) {
    for (const rel of filesOf(dataDir, files)) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(join(dataDir, rel), 'utf8'));
      } catch (e) {
        error(rel, `not valid JSON: ${(e as Error).message}`);
        continue;
      }
      const result = schema.safeParse(raw);
      if (!result.success) {
        for (const issue of result.error.issues.slice(0, 5)) {
          error(rel, `${issue.path.join('.') || '(top)'}: ${issue.message}`);
        }
        continue;
      }
      parsed.set(rel, result.data);
    }
  }

  // the lexicon's word classes, and the models fitted to it
  const lexicon = parsed.get('lexicon.json') as z.infer<typeof lexiconSchema> | undefined;
  if (lexicon) {
    const fingerprint = lexiconFingerprint(lexicon);
    for (const model of ['model/triggers.json', 'model/responses.json']) {
      if (!existsSync(join(dataDir, model))) continue;
      const trained = (
        JSON.parse(readFileSync(join(dataDir, model), 'utf8')) as { lexicon?: string }
      ).lexicon;
      if (trained !== fingerprint) {
        error(
          model,
          trained === undefined
            ? 'records no lexicon fingerprint: retrain (npm run train) so changes to data/lexicon.json can be caught'
            : 'was trained with another data/lexicon.json: the model reads lexicon classes as features, so retrain (npm run train) and commit the models with the lexicon',
        );
      }
    }
  }

  // cue files: kinds in the vocabulary, ids unique everywhere, word classes that exist
  const cueIds = new Map<string, string>();
  const cueFiles: string[] = [];
  for (const rel of filesOf(dataDir, 'cues/*.json')) {
    const file = parsed.get(rel) as z.infer<typeof cueFileSchema> | undefined;
    if (!file) continue;
    cueFiles.push(basename(rel, '.json'));
    for (const cue of file.cues) {
      const [base, subtype] = cue.kind.split(':');
      if (!(FINDING_KINDS as readonly string[]).includes(base)) {
        error(
          rel,
          `cue ${cue.id}: kind "${cue.kind}" is not in the vocabulary (src/core/vocabulary.ts)`,
        );
      } else if (subtype !== undefined && (TRIGGER_KINDS as readonly string[]).includes(base)) {
        // a trigger's subtype is vocabulary; a reply's (pushback:negative-reverse) names a technique
        const known = (TRIGGER_SUBTYPES as Record<string, readonly string[]>)[base];
        if (!known.includes(subtype)) {
          error(rel, `cue ${cue.id}: "${subtype}" is not a subtype of ${base} in the vocabulary`);
        }
      }
      const first = cueIds.get(cue.id);
      if (first)
        error(
          rel,
          `cue id ${cue.id} is also defined in ${first}: ids name findings, so they must be unique`,
        );
      else cueIds.set(cue.id, where(rel));
      for (const [label, pattern] of [
        ['pattern', cue.pattern],
        ['unless', cue.unless],
      ] as const) {
        if (!pattern) continue;
        for (const [, name] of pattern.matchAll(/\{([a-z-]+)\}/g)) {
          if (lexicon && !(name in lexicon)) {
            error(rel, `cue ${cue.id}: ${label} names {${name}}, which data/lexicon.json lacks`);
          }
        }
        try {
          new RegExp(pattern.replace(/\{[a-z-]+\}/g, '(?:x)'));
        } catch (e) {
          error(rel, `cue ${cue.id}: ${label} does not compile: ${(e as Error).message}`);
        }
        if (pattern.length > LONG_PATTERN) {
          warn(
            rel,
            `cue ${cue.id}: ${label} is ${pattern.length} characters (over ${LONG_PATTERN}): split it`,
          );
        }
      }
    }
  }

  // grading's reason groups name cue ids; the question bank's ids are unique
  const grading = parsed.get('grading.json') as z.infer<typeof gradingSchema> | undefined;
  for (const [name, group] of Object.entries(grading?.reasons ?? {})) {
    for (const id of group.ids) {
      if (!cueIds.has(id))
        error('grading.json', `reason group ${name} names cue ${id}, which no cue file defines`);
    }
  }
  const bank = parsed.get('question-bank.json') as { id: string }[] | undefined;
  const bankIds = new Set<string>();
  for (const entry of bank ?? []) {
    if (bankIds.has(entry.id)) error('question-bank.json', `entry id ${entry.id} appears twice`);
    bankIds.add(entry.id);
  }

  const dealPhrases = parsed.get('deal-phrases.json') as
    | z.infer<typeof dealPhraseFileSchema>
    | undefined;
  const phraseIds = new Set<string>();
  for (const p of dealPhrases?.phrases ?? []) {
    if (phraseIds.has(p.id)) error('deal-phrases.json', `phrase list id ${p.id} appears twice`);
    phraseIds.add(p.id);
  }

  // what the code names by string: cue files, grading phrases and groups, finding reasons
  const loaded = new Set<string>();
  const produced = new Set<string>();
  const compared: { id: string; file: string }[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = readFileSync(path, 'utf8');
    const file = relative(resolve(srcDir, '..'), path);
    for (const [, options] of text.matchAll(/cueDetector\(\{([\s\S]*?)\}\)/g)) {
      const id = /\bid: '([a-z-]+)'/.exec(options)?.[1];
      const named = /\bfile: '([a-z-]+)'/.exec(options)?.[1] ?? id;
      if (named) loaded.add(named);
    }
    for (const [, name] of text.matchAll(/\bphrase\('([a-z-]+)'\)/g)) {
      if (grading && !(name in grading.phrases)) {
        problems.push({
          level: 'error',
          file,
          message: `phrase('${name}'): data/grading.json has no such phrase`,
        });
      }
    }
    for (const [, name] of text.matchAll(/\bdealPhrase\('([a-z0-9-]+)'\)/g)) {
      if (dealPhrases && !dealPhrases.phrases.some((p) => p.id === name)) {
        problems.push({
          level: 'error',
          file,
          message: `dealPhrase('${name}'): data/deal-phrases.json has no such phrase list`,
        });
      }
    }
    for (const [, name] of text.matchAll(/\breasons\('([a-z-]+)'\)/g)) {
      if (grading && !(name in grading.reasons)) {
        problems.push({
          level: 'error',
          file,
          message: `reasons('${name}'): data/grading.json has no such group`,
        });
      }
    }
    for (const [, id] of text.matchAll(/\breason: '([a-z0-9-]+)'/g)) produced.add(id);
    for (const [, id] of text.matchAll(/\breason [!=]== '([a-z0-9-]+)'/g))
      compared.push({ id, file });
  }
  for (const { id, file } of compared) {
    if (!cueIds.has(id) && !produced.has(id)) {
      problems.push({
        level: 'error',
        file,
        message: `compares a finding's reason with "${id}", which no cue or detector produces`,
      });
    }
  }
  for (const name of cueFiles) {
    if (!loaded.has(name))
      error(
        `cues/${name}.json`,
        'no detector loads it (cueDetector({ id or file }) in src/detect/rules)',
      );
  }
  for (const name of loaded) {
    if (!cueFiles.includes(name)) {
      problems.push({
        level: 'error',
        file: 'src/detect/rules',
        message: `a detector loads data/cues/${name}.json, which does not exist`,
      });
    }
  }
  return problems;
}

/** The JSON Schema of each kind, as docs/data/<kind>.schema.json holds it. */
export function jsonSchemas(): Map<string, string> {
  return new Map(
    KINDS.map(({ kind, schema }) => [
      `${kind}.schema.json`,
      `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`,
    ]),
  );
}

const entry = process.argv[1] ?? '';
if (entry.endsWith('check-data.ts')) {
  const root = resolve(new URL('..', import.meta.url).pathname);
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: join(root, 'data') },
      src: { type: 'string', default: join(root, 'src') },
      'write-schemas': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const problems = checkData(resolve(values.data), resolve(values.src));
  const docs = join(root, 'docs', 'data');
  for (const [name, text] of jsonSchemas()) {
    const path = join(docs, name);
    if (values['write-schemas']) writeFileSync(path, text);
    else if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      problems.push({
        level: 'error',
        file: `docs/data/${name}`,
        message: 'out of date with its zod schema: run npm run check-data -- --write-schemas',
      });
    }
  }
  for (const p of problems) {
    if (p.level === 'error' || values.verbose) console.log(`${p.file}: ${p.level}: ${p.message}`);
  }
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings = problems.length - errors;
  console.log(
    `check-data: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${warnings && !values.verbose ? ' (--verbose lists them)' : ''} (${KINDS.length} kinds of data file)`,
  );
  process.exitCode = errors > 0 ? 1 : 0;
}
