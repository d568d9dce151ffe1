import { writeFileSync } from 'node:fs';
import { WalkpointError } from '../core/errors.js';
import { openDb } from '../server/db/connect.js';
import { correctionLines } from '../server/services/corrections-export.js';
import type { Io } from './main.js';

/**
 * `walkpoint corrections export`: the corrections in force as JSON lines in the corpus format,
 * for `npm run train -- --corrections FILE` (stdout, or --out FILE).
 */
export async function correctionsExportCommand(
  opts: { format?: string; out?: string; db?: string },
  io: Io,
): Promise<number> {
  if ((opts.format ?? 'jsonl') !== 'jsonl') {
    throw new WalkpointError('bad-format', `--format ${opts.format}: the only format is jsonl`);
  }
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB);
  try {
    const lines = await correctionLines(db.db);
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    if (!opts.out) {
      io.out.write(text);
      return 0;
    }
    try {
      writeFileSync(opts.out, text);
    } catch (e) {
      throw new WalkpointError('cannot-write', `cannot write: ${(e as Error).message}`, {
        file: opts.out,
      });
    }
    const corrections = new Set(lines.map((l) => l.correction)).size;
    io.err.write(`Wrote ${lines.length} lines from ${corrections} corrections to ${opts.out}.\n`);
    return 0;
  } finally {
    await db.close();
  }
}
