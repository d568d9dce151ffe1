/**
 * `npm run bench`: engine speed against the product's targets. Prints a table (or JSON with
 * --json). Measures, never asserts: the numbers depend on the machine.
 *
 *   (a) throughput over a synthetic corpus, one thread (MB/s)
 *   (b) one one-hour call (~60 KB), median ms
 *   (c) wink-nlp alone reading the same text, and the engine/wink ratio
 *   (d) a folder run on all cores through the CLI's worker pool (files/s)
 *   (e) live cue cards: latency per caption on a one-hour call with partials, heap over the call
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import type * as NlpModule from '../src/annotate/nlp.js';
import type * as PoolModule from '../src/cli/pool.js';
import type * as AnalyzeModule from '../src/engine/analyze.js';
import { generateCorpus, oneHourCall } from './corpus.js';
import { benchLive, TARGET_LIVE_P99_MS } from './live-bench.js';

// Measure the compiled library, as users run it (npm run bench builds it first), not the
// TypeScript sources through the development loader.
const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;
const { analyze } = (await import(dist('engine/analyze.js'))) as typeof AnalyzeModule;
const { WINK_PIPELINE } = (await import(dist('annotate/nlp.js'))) as typeof NlpModule;
const { analyzeInPool } = (await import(dist('cli/pool.js'))) as typeof PoolModule;

const TARGET_ONE_HOUR_MS = 50;
const TARGET_RATIO = 3;

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const runs = numberArg('--runs', 21);
const corpusSize = numberArg('--files', 60);

/** `--name <n>` as a positive number, or the default. */
function numberArg(name: string, fallback: number): number {
  const i = args.indexOf(name);
  const n = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return n > 0 ? n : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median wall time of `fn` over `n` runs, in ms. */
function timeMedian(n: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** wink-nlp alone, the way src/annotate reads text: tokens with type and negation, sentences. */
function winkReader(): (text: string) => number {
  const nlp = winkNLP(model, [...WINK_PIPELINE]);
  const its = nlp.its;
  return (text) => {
    const doc = nlp.readDoc(text);
    const tokens = doc.tokens();
    const values = tokens.out(its.value);
    tokens.out(its.type);
    tokens.out(its.negationFlag);
    doc.sentences().out(its.span);
    return values.length;
  };
}

async function main() {
  const corpus = generateCorpus(7, corpusSize);
  const hour = oneHourCall(1);
  const corpusBytes = corpus.reduce((n, c) => n + Buffer.byteLength(c.text), 0);
  const readWink = winkReader();

  // Warm-up: JIT, the wink model, the analyzer's lazy tables.
  for (let i = 0; i < 5; i++) {
    analyze(hour, { file: 'warmup.txt' });
    readWink(hour);
  }
  for (const c of corpus.slice(0, 10)) analyze(c.text, { file: c.name });

  // (a) throughput, one pass over the corpus on this thread
  const t0 = performance.now();
  let moments = 0;
  for (const c of corpus) moments += analyze(c.text, { file: c.name }).moments.length;
  const corpusMs = performance.now() - t0;
  const mbPerS = corpusBytes / 1e6 / (corpusMs / 1000);

  // (b) one-hour call, (c) wink alone on the same text
  const hourMs = timeMedian(runs, () => analyze(hour, { file: 'one-hour.txt' }));
  const winkMs = timeMedian(runs, () => readWink(hour));
  const ratio = hourMs / winkMs;

  // (d) folder run on all cores via the CLI's worker pool (includes starting the workers)
  const cores = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-bench-'));
  let poolMs: number;
  let poolFailures: number;
  // Time to the first finished file: mostly starting workers and loading the wink model.
  let firstMs: number | undefined;
  try {
    const files = corpus.map((c) => {
      const path = join(dir, c.name);
      writeFileSync(path, c.text);
      return path;
    });
    const p0 = performance.now();
    const outcomes = await analyzeInPool(
      files,
      { format: 'json', color: false, render: false },
      cores,
      () => {
        firstMs ??= performance.now() - p0;
      },
    );
    poolMs = performance.now() - p0;
    poolFailures = outcomes.filter((o) => !o.ok).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // (e) live: a one-hour call replayed as fast as possible, with partial captions
  const live = await benchLive(dist, hour);

  const result = {
    node: process.version,
    cores,
    corpus: { files: corpus.length, bytes: corpusBytes, moments },
    throughputMBps: round(mbPerS, 2),
    oneHourCall: { bytes: Buffer.byteLength(hour), medianMs: round(hourMs, 2), runs },
    winkAlone: { medianMs: round(winkMs, 2) },
    ratioEngineToWink: round(ratio, 2),
    folder: {
      files: corpus.length,
      workers: Math.min(cores, corpus.length),
      ms: round(poolMs, 1),
      filesPerS: round(corpus.length / (poolMs / 1000), 1),
      firstFileMs: round(firstMs ?? 0, 1),
      failures: poolFailures,
    },
    live,
    targets: {
      oneHourUnder50ms: hourMs < TARGET_ONE_HOUR_MS,
      ratioAtMost3x: ratio <= TARGET_RATIO,
      liveP99Under5ms: live.p99Ms < TARGET_LIVE_P99_MS,
    },
  };

  if (asJson) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const rows: [string, string, string][] = [
    [
      '(a) throughput, 1 thread',
      `${result.throughputMBps} MB/s (${corpus.length} calls, ${(corpusBytes / 1e6).toFixed(2)} MB)`,
      '',
    ],
    [
      '(b) one-hour call, median',
      `${result.oneHourCall.medianMs} ms (${(result.oneHourCall.bytes / 1000).toFixed(1)} KB, ${runs} runs)`,
      `< ${TARGET_ONE_HOUR_MS} ms  ${verdict(result.targets.oneHourUnder50ms)}`,
    ],
    ['(c) wink-nlp alone, median', `${result.winkAlone.medianMs} ms`, ''],
    [
      '    engine / wink',
      `${result.ratioEngineToWink}x`,
      `<= ${TARGET_RATIO}x  ${verdict(result.targets.ratioAtMost3x)}`,
    ],
    [
      '(d) folder, all cores',
      `${result.folder.filesPerS} files/s (${result.folder.workers} workers, ${result.folder.ms} ms, first file at ${result.folder.firstFileMs} ms${poolFailures ? `, ${poolFailures} failed` : ''})`,
      '',
    ],
    [
      '(e) live, per caption',
      `p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, max ${live.maxMs} ms (${live.captions} captions + ${live.partials} partials; finals p99 ${live.finalP99Ms} ms; CPU time p50 ${live.cpuP50Ms} ms, p99 ${live.cpuP99Ms} ms; end ${live.endMs} ms)`,
      `p99 < ${TARGET_LIVE_P99_MS} ms  ${verdict(result.targets.liveP99Under5ms)}`,
    ],
    [
      '    live heap',
      `start ${live.heapMB.start} MB, middle ${live.heapMB.middle} MB, end ${live.heapMB.end} MB (${live.cards} cards, ${live.moments} walk-points)`,
      '',
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    `walkpoint bench: node ${process.version}, ${cores} cores`,
    `${'measure'.padEnd(w0)}  ${'result'.padEnd(w1)}  target`,
    ...rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd()),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

await main();
