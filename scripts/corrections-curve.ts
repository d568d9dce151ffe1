/**
 * How many corrections it takes to move a team's held-out F1 (README, "Correcting the engine").
 * The "team" is a group of corpus calls in a language the model has not read: the CaSiNo
 * campsite negotiations. A baseline is trained without any of them; a manager then "corrects"
 * the baseline's reading of 3 in 4 of them (every disagreement with the blind labels, call by
 * call, as `walkpoint corrections export` would write it), and the 4th call in 4 is measured.
 *
 *   node --import tsx scripts/corrections-curve.ts [--steps 10,20,40,80]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { analyzeInDepth } from '../src/engine/analyze.js';
import { evaluateCalls, findLabelFiles, readLabels } from '../src/eval/calls.js';
import { type ModelChoice, withModel } from '../src/model/shipped.js';
import { responseWindow } from '../src/moments/index.js';
import { type CorrectionLine, correctionUnits } from '../src/training/corrections.js';
import { trainModels } from '../src/training/train.js';

const CALLS = new URL('../corpus/calls', import.meta.url).pathname;
const isTeam = (file: string) => file.includes('casino-campsite');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const stepsArg = process.argv.indexOf('--steps');
const STEPS = (stepsArg > 0 ? process.argv[stepsArg + 1] : '10,20,40,80').split(',').map(Number);

const scratch = join(tmpdir(), `walkpoint-curve-${process.pid}`);
let made = 0;
function save(trained: ReturnType<typeof trainModels>): ModelChoice {
  const dir = join(scratch, String(made++));
  mkdirSync(dir, { recursive: true });
  const choice = {
    id: `curve-${made}`,
    triggers: join(dir, 'triggers.json'),
    responses: join(dir, 'responses.json'),
  };
  writeFileSync(choice.triggers, JSON.stringify(trained.triggers));
  writeFileSync(choice.responses, JSON.stringify(trained.responses));
  return choice;
}

/** The corrections a manager would make to the model's reading of one labelled call. */
function correctionsOf(labelsFile: string, model: ModelChoice, callNo: number): CorrectionLine[] {
  const labels = readLabels(labelsFile);
  const bytes = readFileSync(join(dirname(labelsFile), labels.call));
  const { result } = withModel(model, () => analyzeInDepth(bytes, { rep: labels.rep }));
  const { analysis, annotated } = result;
  const engineAt = new Map(analysis.moments.map((m) => [m.turn, m]));
  const out: CorrectionLine[] = [];
  for (const [at, turn] of annotated.entries()) {
    if (turn.role !== 'prospect') continue;
    const gold = labels.moments.find((m) => norm(turn.text).includes(norm(m.quote)));
    const got = engineAt.get(turn.index);
    const base = {
      split: 'train' as const,
      call: callNo,
      turn: turn.index,
      correction: callNo * 1000 + turn.index,
    };
    if (!gold) {
      if (got) {
        out.push({
          ...base,
          id: `${callNo}-${turn.index}`,
          role: 'prospect',
          text: got.trigger.quote,
          kinds: [],
        });
      }
      continue;
    }
    const label = gold.subtype ? `${gold.trigger}:${gold.subtype}` : gold.trigger;
    const same =
      got &&
      got.trigger.kind === gold.trigger &&
      (got.trigger.subtype ?? '') === (gold.subtype ?? '') &&
      got.response.kind === gold.response;
    if (same) continue;
    out.push({
      ...base,
      id: `${callNo}-${turn.index}`,
      role: 'prospect',
      text: gold.quote,
      kinds: [label],
    });
    const reply = responseWindow(annotated, analysis.findings, at)
      .map((t) => t.text)
      .join(' ');
    if (reply.trim()) {
      out.push({
        ...base,
        id: `${callNo}-${turn.index}-r`,
        role: 'rep',
        text: reply,
        response: gold.response,
      });
    }
  }
  return out;
}

function measure(model: ModelChoice, held: string[], tests: string[]) {
  const team = withModel(model, () => evaluateCalls(held)).result;
  const test = withModel(model, () => evaluateCalls(tests, { split: 'test' })).result;
  return {
    f1: team.anyTrigger.engine.f1,
    grades: team.response.accuracy,
    testF1: test.anyTrigger.engine.f1,
  };
}

const t0 = Date.now();
const files = findLabelFiles([CALLS]);
const team = files.filter(isTeam);
const held = team.filter((_, i) => i % 4 === 3);
const pool = team.filter((_, i) => i % 4 !== 3);
const notTeam = (f: string) => !isTeam(basename(f));
const base = save(trainModels(undefined, undefined, notTeam));
// one correction per disagreeing turn (its sentence and, when graded, the reply)
const byTurn: CorrectionLine[][] = [];
for (const [i, f] of pool.entries()) {
  const lines = correctionsOf(f, base, i);
  const turns = new Map<number, CorrectionLine[]>();
  for (const l of lines) turns.set(l.turn, [...(turns.get(l.turn) ?? []), l]);
  byTurn.push(...turns.values());
}
const rows = [{ n: 0, ...measure(base, held, files) }];
for (const n of STEPS.filter((s) => s <= byTurn.length)) {
  const lines = byTurn.slice(0, n).flat();
  const model = save(trainModels(correctionUnits(lines), undefined, notTeam));
  rows.push({ n, ...measure(model, held, files) });
}
rmSync(scratch, { recursive: true, force: true });
console.log(
  `team: ${team.length} CaSiNo calls (${held.length} held out, ${held.reduce((n, f) => n + readLabels(f).moments.length, 0)} labelled walk-points); ${byTurn.length} corrections available on the other ${pool.length}`,
);
console.log(
  '| corrections | team held-out walk-point F1 | team held-out grades | corpus test split F1 |',
);
console.log('| --- | --- | --- | --- |');
for (const r of rows)
  console.log(`| ${r.n} | ${r.f1.toFixed(3)} | ${r.grades.toFixed(3)} | ${r.testF1.toFixed(3)} |`);
console.log(`(${Math.round((Date.now() - t0) / 1000)} s)`);
