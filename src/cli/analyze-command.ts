import cliProgress from 'cli-progress';
import { WalkpointError } from '../core/errors.js';
import { collectInputs } from '../parse/inputs.js';
import {
  REPORT_EXTENSIONS,
  type ReportFormat,
  renderSummaryTable,
  type SummaryRow,
} from '../render/index.js';
import { EXIT, errorLine, toErrorReport } from './errors.js';
import { type JobOptions, runJob } from './job.js';
import type { Io } from './main.js';
import { reportPaths, writeFileAtomic } from './output.js';
import { analyzeInPool, type Outcome } from './pool.js';

export interface AnalyzeCommandOptions {
  rep?: string[];
  format: ReportFormat;
  out?: string;
  color: boolean;
  jobs: number;
}

/** `walkpoint analyze <paths...>`: returns the exit code. */
export async function analyzeCommand(
  paths: string[],
  opts: AnalyzeCommandOptions,
  io: Io,
): Promise<number> {
  const { files, batch, skipped } = collectInputs(paths, opts.out ? [opts.out] : []);
  for (const s of skipped) io.err.write(`walkpoint: skipped ${s.file}: ${s.reason}\n`);
  const targets = opts.out ? reportPaths(files, opts.out, REPORT_EXTENSIONS[opts.format]) : [];
  return batch ? analyzeMany(files, targets, opts, io) : analyzeOne(files[0], targets[0], opts, io);
}

/** One file, on this thread: the report goes to stdout or to its file in --out. */
async function analyzeOne(
  file: string,
  target: string | undefined,
  opts: AnalyzeCommandOptions,
  io: Io,
): Promise<number> {
  const color = opts.color && !target && io.out.isTTY === true;
  const { report } = await runJob(file, {
    rep: opts.rep,
    format: opts.format,
    color,
    render: true,
  });
  if (target) {
    writeFileAtomic(target, report!);
    io.err.write(`walkpoint: wrote ${target}\n`);
  } else {
    io.out.write(report!);
  }
  return EXIT.ok;
}

/**
 * Several files or a folder: analysed on the worker pool with a progress bar (TTY only).
 * Reports go to --out as they finish; stdout gets JSON lines (--format json without --out) or
 * the summary table, in input order either way. Failures are one line each on stderr.
 */
async function analyzeMany(
  files: string[],
  targets: string[],
  opts: AnalyzeCommandOptions,
  io: Io,
): Promise<number> {
  const jsonLines = opts.format === 'json' && !opts.out;
  if (!opts.out && (opts.format === 'md' || opts.format === 'html')) {
    throw new WalkpointError(
      'needs-out',
      `--format ${opts.format} with several files needs --out <dir> (one report per file)`,
    );
  }
  const job: JobOptions = {
    rep: opts.rep,
    format: opts.format,
    color: false,
    render: Boolean(opts.out) || jsonLines,
  };
  const progress = startProgress(files.length, io);
  const rows: SummaryRow[] = [];
  let exit: number = EXIT.ok;

  const emit = inOrder(files.length, (o: Outcome) => {
    if (!o.ok) {
      progress.log(`${errorLine(o.error, o.file)}\n`);
      // Any user mistake gives 2; only unexpected failures alone give 1.
      exit = Math.max(exit, o.error.user ? EXIT.user : EXIT.bug);
      return;
    }
    rows.push(o.result.row);
    if (jsonLines) io.out.write(o.result.report!);
  });

  await analyzeInPool(files, job, opts.jobs, (o) => {
    if (o.ok && opts.out) {
      try {
        writeFileAtomic(targets[o.index], o.result.report!);
      } catch (e) {
        o = { index: o.index, file: o.file, ok: false, error: toErrorReport(e) };
      }
    }
    progress.tick();
    emit(o);
  });
  progress.stop();

  if (!jsonLines && rows.length > 0) {
    io.out.write(renderSummaryTable(rows, { color: opts.color && io.out.isTTY === true }));
  }
  if (opts.out) io.err.write(`walkpoint: wrote ${rows.length} reports to ${opts.out}\n`);
  return exit;
}

/** Calls `emit` for outcome 0, 1, 2... in order, however they arrive. */
function inOrder<T extends { index: number }>(count: number, emit: (item: T) => void) {
  const waiting = new Map<number, T>();
  let next = 0;
  return (item: T) => {
    waiting.set(item.index, item);
    while (next < count && waiting.has(next)) {
      const ready = waiting.get(next)!;
      waiting.delete(next++);
      emit(ready);
    }
  };
}

interface Progress {
  tick(): void;
  log(line: string): void;
  stop(): void;
}

/** A cli-progress bar on stderr when it is a terminal; otherwise lines go straight to stderr. */
function startProgress(total: number, io: Io): Progress {
  if (io.err.isTTY !== true) {
    return { tick() {}, log: (line) => io.err.write(line), stop() {} };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream: io.err as NodeJS.WritableStream,
      format: 'analysing [{bar}] {value}/{total} files | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(total, 0);
  return { tick: () => bar.increment(), log: (line) => multi.log(line), stop: () => multi.stop() };
}
