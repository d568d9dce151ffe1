import pc from 'picocolors';
import type { Analysis } from '../core/types.js';
import { repNames } from './view.js';

/** One line of the folder-run summary: what a manager scans first. */
export interface SummaryRow {
  file: string;
  rep: string;
  moments: number;
  challenged: number;
  caved: number;
  gaveUp: number;
  walkedOut: number;
  pitchedThrough: number;
  score: number;
}

export function summaryRow(a: Analysis, file = a.source.file ?? '(input)'): SummaryRow {
  const r = a.metrics.momentsByResponse;
  return {
    file,
    rep: repNames(a),
    moments: a.moments.length,
    challenged: r.challenged,
    caved: r.caved,
    gaveUp: r['gave-up'],
    walkedOut: r['walked-out'],
    pitchedThrough: r['pitched-through'],
    score: a.score.willingToWalk,
  };
}

const COLUMNS: [string, (r: SummaryRow) => string | number][] = [
  ['file', (r) => r.file],
  ['rep', (r) => r.rep],
  ['moments', (r) => r.moments],
  ['challenged', (r) => r.challenged],
  ['caved', (r) => r.caved],
  ['gave-up', (r) => r.gaveUp],
  ['walked-out', (r) => r.walkedOut],
  ['pitched-through', (r) => r.pitchedThrough],
  ['score', (r) => r.score],
];

/**
 * An aligned table of folder-run results with a total line (sums, and the mean score).
 * Text columns are left-aligned, counts right-aligned.
 */
export function renderSummaryTable(rows: SummaryRow[], options: { color?: boolean } = {}): string {
  const c = pc.createColors(options.color ?? false);
  const body = rows.map((r) => COLUMNS.map(([, get]) => String(get(r))));
  if (rows.length > 1) body.push(totalCells(rows));
  const header = COLUMNS.map(([name]) => name);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [c.bold(line(header)), ...body.map(line)];
  return `${out.join('\n')}\n`;
}

function totalCells(rows: SummaryRow[]): string[] {
  const sum = (get: (r: SummaryRow) => number) => String(rows.reduce((n, r) => n + get(r), 0));
  const meanScore = Math.round(rows.reduce((n, r) => n + r.score, 0) / rows.length);
  return [
    `total (${rows.length} calls)`,
    '',
    sum((r) => r.moments),
    sum((r) => r.challenged),
    sum((r) => r.caved),
    sum((r) => r.gaveUp),
    sum((r) => r.walkedOut),
    sum((r) => r.pitchedThrough),
    `${meanScore} avg`,
  ];
}
