import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { WalkpointError } from '../core/errors.js';
import type { Answer, SelfCheckResult } from './score.js';

/** One self-check taken, as kept in the history (one JSON object per line). */
export interface HistoryEntry {
  at: string;
  rep?: string;
  answers: Answer[];
  subscales: { id: string; score: number | null; band: string | null; complete: boolean }[];
}

/** ~/.walkpoint/selfcheck.jsonl: where the CLI keeps self-checks unless told otherwise. */
export function defaultHistoryPath(): string {
  return join(homedir(), '.walkpoint', 'selfcheck.jsonl');
}

/** The entry to store for a scored self-check. */
export function historyEntry(result: SelfCheckResult, rep?: string, at = new Date()): HistoryEntry {
  return {
    at: at.toISOString(),
    ...(rep ? { rep } : {}),
    answers: result.items.map((i) => i.answer),
    subscales: result.subscales.map(({ id, score, band, complete }) => ({
      id,
      score,
      band,
      complete,
    })),
  };
}

/** Appends one entry (creating the folder). */
export function appendHistory(path: string, entry: HistoryEntry): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(entry)}\n`);
}

/**
 * Reads the history, oldest first, optionally for one rep (case-insensitive). A missing file is
 * an empty history; a broken line throws WalkpointError naming the file and line.
 */
export function readHistory(path: string, rep?: string): HistoryEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new WalkpointError(
      'history-unreadable',
      `cannot read it (${(e as NodeJS.ErrnoException).code})`,
      { file: path },
    );
  }
  const entries: HistoryEntry[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const entry = JSON.parse(line) as HistoryEntry;
      if (!Array.isArray(entry.subscales) || typeof entry.at !== 'string')
        throw new Error('not an entry');
      entries.push(entry);
    } catch {
      throw new WalkpointError(
        'history-invalid',
        'not a self-check entry; fix or delete this line',
        { file: path, line: i + 1 },
      );
    }
  });
  const who = rep?.toLowerCase();
  return who ? entries.filter((e) => e.rep?.toLowerCase() === who) : entries;
}
