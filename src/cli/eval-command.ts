import { statSync } from 'node:fs';
import { WalkpointError } from '../core/errors.js';
import { evaluateCalls, findLabelFiles } from '../eval/calls.js';
import { dealAgreement, evaluateDeals } from '../eval/deals.js';
import { evaluateOutside, isOutsideSet } from '../eval/outside.js';
import {
  renderCallEval,
  renderDealAgreement,
  renderDealEval,
  renderOutsideEval,
  renderUtteranceEval,
} from '../eval/report.js';
import { evaluateUtterances } from '../eval/utterances.js';
import type { Io } from './main.js';

export interface EvalOptions {
  json: boolean;
  split?: string;
  misses: number;
  /** Measure deal-review evidence on `*.deal.json` labels instead (default corpus/deals). */
  deals?: boolean;
  /** With `deals`: a folder of second labellings, measured against the first (the human ceiling). */
  agreement?: string;
}

/** Where `walkpoint eval --deals` looks when given no folder. */
export const DEALS_DIR = 'corpus/deals/labels';

/**
 * `walkpoint eval PATH...`: `.jsonl` files are utterance sets; folders and `*.labels.json`
 * files are labelled calls. Prints tables (engine beside baselines) or one JSON document.
 */
export function evalCommand(paths: string[], opts: EvalOptions, io: Io): number {
  if (opts.agreement && !opts.deals) {
    throw new WalkpointError('bad-eval-input', '--agreement measures deal labels: add --deals');
  }
  if (opts.deals) return dealsEval(paths.length > 0 ? paths : [DEALS_DIR], opts, io);
  if (paths.length === 0) {
    throw new WalkpointError('bad-eval-input', 'give labelled data to measure, or --deals');
  }
  const utteranceFiles: string[] = [];
  const callPaths: string[] = [];
  const outsidePaths: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new WalkpointError('not-found', `no such file or folder: ${p}`);
    }
    if (!isDir && p.endsWith('.jsonl')) utteranceFiles.push(p);
    else if (isDir && isOutsideSet(p)) outsidePaths.push(p);
    else if (isDir || p.endsWith('.labels.json')) callPaths.push(p);
    else {
      throw new WalkpointError(
        'bad-eval-input',
        'expected utterance JSON lines (.jsonl), a labels file (*.labels.json), a folder of them, or an outside set (a folder with labels.json and calls/)',
        { file: p },
      );
    }
  }
  const outside = outsidePaths.map((p) => evaluateOutside(p));
  const utterances = utteranceFiles.map((f) =>
    evaluateUtterances(f, { split: opts.split, misses: opts.misses }),
  );
  const labelFiles = findLabelFiles(callPaths);
  if (callPaths.length > 0 && labelFiles.length === 0) {
    throw new WalkpointError(
      'bad-eval-input',
      `no *.labels.json files under ${callPaths.join(', ')}`,
    );
  }
  const calls =
    labelFiles.length > 0 ? evaluateCalls(labelFiles, { split: opts.split }) : undefined;

  if (opts.json) {
    io.out.write(
      `${JSON.stringify(
        { utterances, ...(calls ? { calls } : {}), ...(outside.length ? { outside } : {}) },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const parts = utterances.map((u) => renderUtteranceEval(u, opts.misses));
  if (calls) parts.push(renderCallEval(calls, opts.misses));
  for (const o of outside) parts.push(renderOutsideEval(o, opts.misses));
  io.out.write(`${parts.join('\n\n')}\n`);
  return 0;
}

/** `walkpoint eval --deals [DIR...]`: deal-review evidence against blind labels. */
function dealsEval(paths: string[], opts: EvalOptions, io: Io): number {
  for (const p of paths) {
    try {
      statSync(p);
    } catch {
      throw new WalkpointError('not-found', `no such file or folder: ${p}`);
    }
  }
  if (opts.agreement) {
    try {
      statSync(opts.agreement);
    } catch {
      throw new WalkpointError('not-found', `no such file or folder: ${opts.agreement}`);
    }
    const agreement = dealAgreement(paths, [opts.agreement], { split: opts.split });
    io.out.write(
      opts.json
        ? `${JSON.stringify({ agreement }, null, 2)}\n`
        : `${renderDealAgreement(agreement)}\n`,
    );
    return 0;
  }
  const deals = evaluateDeals(paths, { split: opts.split });
  io.out.write(
    opts.json
      ? `${JSON.stringify({ deals }, null, 2)}\n`
      : `${renderDealEval(deals, opts.misses)}\n`,
  );
  return 0;
}
