import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { WalkpointError } from './errors.js';

/**
 * The one way a data file is loaded: every bundled file under data/ (cues, lexicon, grading,
 * question bank, praise, deal plan and evidence, self-check items, practice scenarios) and a
 * user's own scenario file are read, parsed and checked against their zod schema here, so a
 * broken file always gets the same kind of error: a WalkpointError naming the file, the first
 * wrong field and what to do. The same schemas produce docs/data/*.schema.json
 * (`npm run check-data -- --write-schemas`).
 */

const DATA_DIR = new URL('../../data/', import.meta.url);

/** The absolute path of a bundled data file, `rel` under data/ (`cues/stall.json`). */
export function dataFile(rel: string): string {
  return fileURLToPath(new URL(rel, DATA_DIR));
}

export interface DataOptions {
  /** The error code (default `data-invalid`); loaders keep the codes they have always used. */
  code?: string;
  /** What to do about it (default: restore the bundled file). */
  fix?: string;
  /** How the file is named in messages (default `data/<rel>` for a bundled file). */
  shown?: string;
  /** What the file holds, for the message ("the scenario"); default "it". */
  what?: string;
}

const RESTORE = 'restore the file from the package';

/** Reads a JSON file: bundled (`rel` under data/) or, with an absolute path, the user's. */
export function readDataJson(file: string, opts: DataOptions = {}): unknown {
  const path = file.startsWith('/') ? file : dataFile(file);
  const shown = opts.shown ?? (file.startsWith('/') ? file : `data/${file}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (e as Error).message;
    throw new WalkpointError(
      opts.code ?? 'data-invalid',
      `cannot read ${opts.what ?? 'it'} as JSON (${why}); ${opts.fix ?? RESTORE}`,
      { file: shown },
    );
  }
}

/** Checks parsed data against its schema: the first wrong field is named (`cues.3.kind`). */
export function parseData<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  shown: string,
  opts: DataOptions = {},
): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join('.');
  throw new WalkpointError(
    opts.code ?? 'data-invalid',
    `${field ? `${field}: ` : ''}${issue.message}; ${opts.fix ?? RESTORE}`,
    { file: shown },
  );
}

/** Reads, parses and checks one bundled data file (`rel` under data/). */
export function loadData<T>(rel: string, schema: z.ZodType<T>, opts: DataOptions = {}): T {
  return parseData(schema, readDataJson(rel, opts), opts.shown ?? `data/${rel}`, opts);
}
