import { readFile, stat } from 'node:fs/promises';
import { WalkpointError } from '../core/errors.js';
import { analyze } from '../engine/analyze.js';
import { MAX_TRANSCRIPT_BYTES } from '../parse/index.js';
import { type ReportFormat, renderReport, type SummaryRow, summaryRow } from '../render/index.js';

/** What every analysis in a run shares: the same options for each file. */
export interface JobOptions {
  rep?: string[];
  format: ReportFormat;
  color: boolean;
  /** Render the report (skipped when only the summary table is shown). */
  render: boolean;
}

export interface JobResult {
  file: string;
  row: SummaryRow;
  /** The rendered report, when `render` was asked for. */
  report?: string;
}

/** Reads, analyses and renders one file. Runs on the main thread or in a pool worker. */
export async function runJob(file: string, options: JobOptions): Promise<JobResult> {
  const bytes = await readTranscript(file);
  const analysis = analyze(bytes, { file, rep: options.rep });
  return {
    file,
    row: summaryRow(analysis, file),
    report: options.render
      ? renderReport(analysis, options.format, { color: options.color })
      : undefined,
  };
}

/** The file's bytes, after refusing what is too large to be a call transcript. */
async function readTranscript(file: string): Promise<Uint8Array> {
  const { size } = await stat(file).catch((e) => unreadable(file, e));
  if (size > MAX_TRANSCRIPT_BYTES) {
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    throw new WalkpointError(
      'too-large',
      `the file is ${mb(size)}, over the ${mb(MAX_TRANSCRIPT_BYTES)} limit for one call; split it into calls`,
      { file },
    );
  }
  return readFile(file).catch((e) => unreadable(file, e));
}

function unreadable(file: string, e: NodeJS.ErrnoException): never {
  throw new WalkpointError(
    'unreadable',
    `cannot read the file (${e.code ?? e.message}); check the path and permissions`,
    { file },
  );
}
