/**
 * Live cue cards: latency per caption on a one-hour call replayed as fast as possible, with
 * partial captions (the words so far, every few words) before each final one, as a
 * speech-to-text tool sends them; and the heap at the start, middle and end of the call.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as ReplayModule from '../src/live/replay.js';
import type * as SessionModule from '../src/live/session.js';

/** A partial caption every this many words of a final one. */
const PARTIAL_EVERY_WORDS = 4;

export const TARGET_LIVE_P99_MS = 5;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMB(): number {
  gc();
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1e6) * 10) / 10;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface LiveBench {
  captions: number;
  partials: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  finalP99Ms: number;
  /** The same latencies in CPU time (this thread's user+system), which a busy machine inflates less. */
  cpuP50Ms: number;
  cpuP99Ms: number;
  endMs: number;
  heapMB: { start: number; middle: number; end: number };
  cards: number;
  moments: number;
}

/** `dist` resolves a compiled module path (the bench measures the built library). */
export async function benchLive(dist: (path: string) => string, hour: string): Promise<LiveBench> {
  const { LiveSession } = (await import(dist('live/session.js'))) as typeof SessionModule;
  const { captionsOf } = (await import(dist('live/replay.js'))) as typeof ReplayModule;
  const captions = captionsOf(hour, 'one-hour.txt');
  // warm-up: JIT, the models, the question bank
  for (let i = 0; i < 2; i++) {
    const warm = new LiveSession();
    for (const c of captions) warm.push(c);
    warm.end();
  }
  const session = new LiveSession();
  const all: number[] = [];
  const cpu: number[] = [];
  /** Runs one push, timing it by the wall clock and by CPU time. */
  const timed = <T>(fn: () => T): { value: T; ms: number } => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = fn();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    all.push(ms);
    return { value, ms };
  };
  const finals: number[] = [];
  const heap = { start: heapMB(), middle: 0, end: 0 };
  let partials = 0;
  let cards = 0;
  const middle = captions.length >> 1;
  for (let i = 0; i < captions.length; i++) {
    if (i === middle) heap.middle = heapMB();
    const c = captions[i];
    const words = c.text.split(' ');
    for (let n = PARTIAL_EVERY_WORDS; n < words.length; n += PARTIAL_EVERY_WORDS) {
      timed(() => session.push({ ...c, text: words.slice(0, n).join(' '), final: false }));
      partials++;
    }
    const { value, ms } = timed(() => session.push(c));
    cards += value.filter((e) => e.type === 'card' && !e.provisional).length;
    finals.push(ms);
  }
  heap.end = heapMB();
  const e0 = performance.now();
  const { summary } = session.end();
  const endMs = performance.now() - e0;
  all.sort((a, b) => a - b);
  finals.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    captions: captions.length,
    partials,
    p50Ms: r(percentile(all, 50)),
    p99Ms: r(percentile(all, 99)),
    maxMs: r(all[all.length - 1]),
    finalP99Ms: r(percentile(finals, 99)),
    cpuP50Ms: r(percentile(cpu, 50)),
    cpuP99Ms: r(percentile(cpu, 99)),
    endMs: r(endMs),
    heapMB: heap,
    cards,
    moments: summary.analysis?.moments.length ?? 0,
  };
}
