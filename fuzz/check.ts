/**
 * One fuzz input through the engine: `analyze`, then every report renderer. The only failure
 * the engine may show for bad input is a WalkpointError with a short, one-line message; any
 * other exception, an analysis that breaks its own invariants (a span outside its turn, a
 * number that is not finite) or a run over the time budget is a finding of the fuzzer.
 */
import { isWalkpointError } from '../src/core/errors.js';
import type { Analysis } from '../src/core/types.js';
import { analyze } from '../src/index.js';
import { REPORT_FORMATS, renderReport } from '../src/render/index.js';

/** The time budget for one input: 300 ms plus 5 ms per KB. */
export function budgetMs(bytes: number): number {
  return 300 + (5 * bytes) / 1024;
}

export interface Outcome {
  /** Read, refused with a WalkpointError, or a crash (anything else). */
  kind: 'ok' | 'refused' | 'crash';
  bytes: number;
  /** Time in analyze() alone. */
  ms: number;
  /**
   * CPU time of this process (all its threads) in analyze(): unlike `ms`, it does not grow when
   * other processes share the cores, so a test run beside others can still hold it to a budget.
   */
  cpuMs: number;
  /** Time rendering the four reports (not budgeted). */
  renderMs: number;
  /** Heap in use right after analyze (live data and the garbage not yet collected). */
  heapUsed?: number;
  /** The WalkpointError code, or what went wrong for a crash. */
  detail?: string;
}

/** The most a refusal may say: one line, a sentence or two, never a dump of the input. */
const MAX_MESSAGE_CHARS = 1000;

export function check(input: string | Uint8Array): Outcome {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const cpuSince = () => {
    const { user, system } = process.cpuUsage(cpuStarted);
    return (user + system) / 1000;
  };
  let analysis: Analysis;
  try {
    analysis = analyze(input, { file: 'fuzz-input' });
  } catch (e) {
    const ms = performance.now() - started;
    const cpuMs = cpuSince();
    if (!isWalkpointError(e)) {
      return { kind: 'crash', bytes, ms, cpuMs, renderMs: 0, detail: describe(e) };
    }
    const unclear = e.message.includes('\n') || e.message.length > MAX_MESSAGE_CHARS;
    return unclear
      ? {
          kind: 'crash',
          bytes,
          ms,
          cpuMs,
          renderMs: 0,
          detail: `unclear error: ${clip(e.message)}`,
        }
      : { kind: 'refused', bytes, ms, cpuMs, renderMs: 0, detail: e.code };
  }
  const ms = performance.now() - started;
  const cpuMs = cpuSince();
  const { heapUsed } = process.memoryUsage();
  const broken = invariantProblem(analysis);
  if (broken) return { kind: 'crash', bytes, ms, cpuMs, renderMs: 0, detail: broken };
  const renderStarted = performance.now();
  try {
    for (const format of REPORT_FORMATS) renderReport(analysis, format, { color: true });
  } catch (e) {
    return { kind: 'crash', bytes, ms, cpuMs, renderMs: 0, detail: `render: ${describe(e)}` };
  }
  return { kind: 'ok', bytes, ms, cpuMs, renderMs: performance.now() - renderStarted, heapUsed };
}

/** What is wrong with an analysis, if anything: spans outside their turn, non-finite numbers. */
export function invariantProblem(a: Analysis): string | undefined {
  const spans = [
    ...a.findings.map((f) => ({ turn: f.turn, span: f.span })),
    ...a.moments.map((m) => ({ turn: m.turn, span: m.trigger.span })),
  ];
  for (const { turn: index, span } of spans) {
    const turn = a.turns[index];
    if (!turn) return `finding on missing turn ${index}`;
    const [start, end] = span;
    if (!(start >= 0 && start <= end && end <= turn.text.length)) {
      return `span [${start}, ${end}] outside turn ${index} (${turn.text.length} chars)`;
    }
  }
  return nonFinite(a, 'analysis');
}

function nonFinite(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const problem = nonFinite(v, `${path}.${k}`);
    if (problem) return problem;
  }
  return undefined;
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return clip(String(e));
  const at = e.stack?.split('\n').find((l) => l.includes(' at ')) ?? '';
  return clip(`${e.name}: ${e.message} ${at.trim()}`);
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}
