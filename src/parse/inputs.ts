/**
 * Which files the paths a user gives name: folders walked for transcripts (deal files skipped,
 * with a message), files taken one by one. Shared by the CLI and the bulk import, below both.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { WalkpointError } from '../core/errors.js';

/** Extensions a folder scan treats as transcripts; anything else in a folder is skipped. */
export const TRANSCRIPT_EXTENSIONS = ['.vtt', '.srt', '.txt', '.json', '.csv'];

/** Files a folder scan never takes: label sidecars and package/tool metadata. */
const SKIPPED_SUFFIXES = ['.labels.json', 'package.json', 'package-lock.json', 'tsconfig.json'];

export interface Inputs {
  files: string[];
  /** Files a folder scan passed over on purpose, with why (shown, so nothing vanishes silently). */
  skipped: { file: string; reason: string }[];
  /** True when several files or a folder were given: the run gets a pool and a summary. */
  batch: boolean;
}

/**
 * Expands the command's paths into transcript files. Files named explicitly are taken as they
 * are; folders are walked recursively (sorted, hidden entries and `exclude` skipped) and only
 * transcript-like files are kept.
 */
export function collectInputs(paths: string[], exclude: string[] = []): Inputs {
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const files: string[] = [];
  const skipped: Inputs['skipped'] = [];
  let sawFolder = false;
  for (const path of paths) {
    const stat = statOrThrow(path);
    if (stat.isDirectory()) {
      sawFolder = true;
      walk(path, excluded, files, skipped);
    } else {
      files.push(path);
    }
  }
  const unique = [...new Set(files)];
  if (unique.length === 0) {
    throw new WalkpointError(
      'no-transcripts',
      `no transcript files (${TRANSCRIPT_EXTENSIONS.join(' ')}) found in ${paths.join(', ')}`,
    );
  }
  return { files: unique, skipped, batch: sawFolder || unique.length > 1 };
}

function statOrThrow(path: string) {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code})`;
    throw new WalkpointError('not-found', `${what}; check the path`, { file: path });
  }
}

function walk(
  dir: string,
  excluded: Set<string>,
  into: string[],
  skipped: Inputs['skipped'],
): void {
  if (excluded.has(resolve(dir))) return;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, excluded, into, skipped);
    else if (entry.isFile() && isTranscriptName(entry.name)) {
      if (looksLikeDealFile(path)) {
        skipped.push({
          file: path,
          reason: 'a deal file, not a call (review it with `walkpoint deal review FILE`)',
        });
      } else into.push(path);
    }
  }
}

/**
 * A deal file (examples/deals/*.json) sits beside calls in a folder and is JSON too: its top
 * level is an object with a "calls" list of paths. Only the first 4 KB are read: a transcript
 * in JSON never opens with a "calls" key before its utterances.
 */
export function looksLikeDealFile(path: string): boolean {
  if (extname(path).toLowerCase() !== '.json') return false;
  let head = '';
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(4096);
      head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // unreadable: let the analysis name the file and the reason
  }
  return (
    /^\s*\{[\s\S]*?"calls"\s*:\s*\[/.test(head) &&
    !/"(utterances|turns|segments|transcript)"\s*:/.test(head)
  );
}

export function isTranscriptName(name: string): boolean {
  const lower = basename(name).toLowerCase();
  if (SKIPPED_SUFFIXES.some((s) => lower.endsWith(s))) return false;
  return TRANSCRIPT_EXTENSIONS.includes(extname(lower));
}
