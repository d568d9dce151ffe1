/**
 * `npm run fuzz [-- --seconds N] [--seed S] [--case I]`: every pathological shape once, then
 * seeded mutated transcripts until the time is up (default 600 s). Reports crashes (anything
 * but a clear WalkpointError), budget breaches (300 ms + 5 ms per KB in analyze), the slowest
 * input per KB and peak memory; exits 1 on a crash or a breach. An input over budget is timed
 * twice more and counts only if every run is over: the machine may be busy. Crashing inputs are saved under
 * .walkpoint/fuzz/ to replay.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { budgetMs, type Outcome } from './check.js';
import { type FuzzInput, fuzzCase, loadSeeds } from './mutate.js';
import { SHAPES } from './shapes.js';

interface Reply {
  outcome: Outcome;
  rss: number;
  heapUsed: number;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) {
    console.error(`npm run fuzz: --${name} needs a number`);
    process.exit(2);
  }
  return value;
}

const seconds = option('seconds', 600);
const seed = option('seed', Date.now() % 1_000_000);
const onlyCase = option('case', -1);

/** An input that takes this long is a hang, whatever its size. */
const hangMs = (bytes: number) => Math.max(60_000, 20 * budgetMs(bytes));

function spawn(): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const boot = `import(${tsx}).then((t) => t.register()).then(() => import(${entry}))`;
  return new Worker(boot, { eval: true, execArgv: [] });
}

let worker = spawn();

/** Checks one input on the worker; a hang terminates it and comes back as a crash. */
function run(input: string | Uint8Array): Promise<Reply> {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  return new Promise((resolve) => {
    const done = (reply: Reply) => {
      clearTimeout(timer);
      worker.off('message', done);
      worker.off('error', failed);
      resolve(reply);
    };
    const failed = (e: Error) => {
      worker = spawn();
      done({
        outcome: {
          kind: 'crash',
          bytes,
          ms: 0,
          cpuMs: 0,
          renderMs: 0,
          detail: `worker died: ${e.message}`,
        },
        rss: 0,
        heapUsed: 0,
      });
    };
    const timer = setTimeout(() => {
      void worker.terminate();
      worker = spawn();
      done({
        outcome: {
          kind: 'crash',
          bytes,
          ms: hangMs(bytes),
          cpuMs: 0,
          renderMs: 0,
          detail: 'hang: stopped',
        },
        rss: 0,
        heapUsed: 0,
      });
    }, hangMs(bytes));
    worker.on('message', done);
    worker.once('error', failed);
    worker.postMessage(input);
  });
}

const stats = {
  inputs: 0,
  ok: 0,
  refused: 0,
  crashes: 0,
  breaches: 0,
  bytes: 0,
  peakRss: 0,
  peakHeap: 0,
};
let slowest: { name: string; msPerKb: number; ms: number; kb: number } | undefined;
/** The input that came closest to its budget. */
let closest: { name: string; share: number; ms: number; kb: number } | undefined;
/** Per KB only means something on inputs of some size: below this, fixed costs dominate. */
const PER_KB_FROM_BYTES = 64 * 1024;
const problems: string[] = [];
let peakInput = '';

function save(name: string, input: string | Uint8Array): string {
  mkdirSync('.walkpoint/fuzz', { recursive: true });
  const file = `.walkpoint/fuzz/crash-${stats.crashes}`;
  writeFileSync(`${file}.bin`, input);
  writeFileSync(`${file}.txt`, `${name}\n`);
  return `${file}.bin`;
}

async function one({ name, input }: FuzzInput, shape: boolean): Promise<void> {
  let { outcome, rss, heapUsed } = await run(input);
  const budget = budgetMs(outcome.bytes);
  // timed again, twice at most: a busy machine can slow one run; over only if all three are
  for (let retry = 0; retry < 2 && outcome.kind !== 'crash' && outcome.ms > budget; retry++) {
    const again = await run(input);
    if (again.outcome.ms < outcome.ms) ({ outcome, rss, heapUsed } = again);
  }
  stats.inputs++;
  stats.bytes += outcome.bytes;
  stats.peakRss = Math.max(stats.peakRss, rss);
  if (heapUsed > stats.peakHeap) {
    stats.peakHeap = heapUsed;
    peakInput = `${name}, ${(outcome.bytes / 1024).toFixed(0)} KB`;
  }
  const kb = Math.max(1, outcome.bytes / 1024);
  const msPerKb = outcome.ms / kb;
  if (outcome.bytes >= PER_KB_FROM_BYTES && (!slowest || msPerKb > slowest.msPerKb)) {
    slowest = { name, msPerKb, ms: outcome.ms, kb };
  }
  const share = outcome.ms / budget;
  if (outcome.kind !== 'crash' && (!closest || share > closest.share)) {
    closest = { name, share, ms: outcome.ms, kb };
  }
  if (shape) {
    console.log(
      `  ${name.padEnd(28)} ${(outcome.bytes / 1024).toFixed(0).padStart(6)} KB ${outcome.ms.toFixed(0).padStart(6)} ms (budget ${budget.toFixed(0)}) ${outcome.kind}${outcome.detail ? ` ${outcome.detail}` : ''}`,
    );
  }
  if (outcome.kind === 'ok') stats.ok++;
  if (outcome.kind === 'refused') stats.refused++;
  if (outcome.kind === 'crash') {
    stats.crashes++;
    problems.push(`CRASH ${name}: ${outcome.detail} (saved to ${save(name, input)})`);
  } else if (outcome.ms > budget) {
    stats.breaches++;
    problems.push(
      `OVER BUDGET ${name}: ${outcome.ms.toFixed(0)} ms > ${budget.toFixed(0)} ms for ${kb.toFixed(0)} KB`,
    );
  }
}

const started = performance.now();
const seeds = loadSeeds();
if (onlyCase >= 0) {
  const input = fuzzCase(seeds, seed, onlyCase);
  await one({ name: `seed ${seed} case ${onlyCase}: ${input.name}`, input: input.input }, true);
} else {
  console.log(`fuzz: seed ${seed}, ${seconds} s; the pathological shapes first:`);
  for (const shape of SHAPES) await one({ name: shape.name, input: shape.make() }, true);
  const until = started + seconds * 1000;
  for (let i = 0; performance.now() < until; i++) {
    const input = fuzzCase(seeds, seed, i);
    await one({ name: `case ${i} (${input.name})`, input: input.input }, false);
    if (i % 500 === 499)
      console.log(`  ${i + 1} cases, ${stats.crashes} crashes, ${stats.breaches} over budget`);
  }
}
await worker.terminate();

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`\nfuzz: seed ${seed}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(
  `  inputs: ${stats.inputs} (${mb(stats.bytes)}): ${stats.ok} analysed, ${stats.refused} refused with a clear error`,
);
console.log(`  crashes: ${stats.crashes}; over budget (300 ms + 5 ms/KB): ${stats.breaches}`);
if (closest) {
  console.log(
    `  closest to budget: ${(100 * closest.share).toFixed(0)}% (${closest.ms.toFixed(0)} ms for ${closest.kb.toFixed(0)} KB): ${closest.name}`,
  );
}
if (slowest) {
  console.log(
    `  slowest per KB (inputs of 64 KB or more): ${slowest.msPerKb.toFixed(2)} ms/KB (${slowest.ms.toFixed(0)} ms for ${slowest.kb.toFixed(0)} KB): ${slowest.name}`,
  );
}
console.log(
  `  peak memory: rss ${mb(stats.peakRss)}, heap used after analyze ${mb(stats.peakHeap)} (${peakInput})`,
);
for (const p of problems.slice(0, 50)) console.log(p);
if (problems.length > 0) {
  console.log(`replay a case with: npm run fuzz -- --seed ${seed} --case <i>`);
  process.exit(1);
}
