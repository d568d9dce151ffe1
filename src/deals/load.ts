import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { isWalkpointError, WalkpointError } from '../core/errors.js';
import { analyze } from '../engine/analyze.js';
import type { LinkedCall } from './evidence/index.js';
import { type DealReview, reviewDeal } from './review.js';
import { type Deal, type DealCallRef, parseDeal } from './schema.js';

/** A deal file read and validated, with its linked calls analysed. */
export interface LoadedDeal {
  deal: Deal;
  calls: LinkedCall[];
  warnings: string[];
}

/** Reads a deal JSON file; throws WalkpointError naming the file for bad JSON or bad fields. */
export function readDealFile(file: string): Deal {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WalkpointError(
      'not-found',
      code === 'ENOENT' ? 'no such deal file; check the path' : `cannot read it (${code})`,
      { file },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new WalkpointError('deal-invalid', `not valid JSON (${(e as Error).message})`, { file });
  }
  return parseDeal(data, file);
}

/** Reads a deal file and analyses its calls (paths relative to the deal file). */
export function loadDeal(file: string): LoadedDeal {
  const deal = readDealFile(file);
  const warnings: string[] = [];
  const calls = deal.calls.map((ref, i) =>
    analyseCall(ref, i, deal, dirname(file), file, warnings),
  );
  return { deal, calls, warnings };
}

/** `loadDeal` then `reviewDeal`: the whole review from a file. */
export function reviewDealFile(file: string): DealReview {
  const { deal, calls, warnings } = loadDeal(file);
  return reviewDeal(deal, calls, warnings);
}

/**
 * Analyses one linked call. The rep defaults to the deal's owner; when the owner is not on the
 * call (a manager's deal, a colleague's call) roles are inferred instead, with a warning.
 */
function analyseCall(
  ref: DealCallRef,
  index: number,
  deal: Deal,
  base: string,
  dealFile: string,
  warnings: string[],
): LinkedCall {
  const path = 'path' in ref ? resolve(base, ref.path) : undefined;
  const label = 'path' in ref ? ref.path : (ref.title ?? `call ${index + 1} (inline)`);
  const input = path ? readCall(path, dealFile, index) : (ref as { transcript: string }).transcript;
  const file = path ?? `${basename(dealFile)} calls.${index}`;
  if (ref.rep) return { label, analysis: analyze(input, { rep: ref.rep, file }) };
  try {
    return { label, analysis: analyze(input, { rep: [deal.owner], file }) };
  } catch (e) {
    if (!isWalkpointError(e) || !['unknown-rep', 'ambiguous-rep'].includes(e.code)) throw e;
    warnings.push(
      `${label}: the owner "${deal.owner}" is not on this call; roles were inferred (add "rep" to the call to name the salesperson)`,
    );
    return { label, analysis: analyze(input, { file }) };
  }
}

function readCall(path: string, dealFile: string, index: number): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WalkpointError(
      'deal-call-missing',
      `field "calls.${index}": ${code === 'ENOENT' ? 'no such transcript' : `cannot read it (${code})`} at ${path}; paths are relative to the deal file`,
      { file: dealFile },
    );
  }
}
