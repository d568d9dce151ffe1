import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { isWalkpointError } from '../core/errors.js';
import { labelKinds, toUtterance } from '../eval/label.js';
import type { Io } from './main.js';

/**
 * `walkpoint label`: one utterance per JSON line on stdin, one `{"id", "kinds"}` line out per
 * line in, in order. It streams (one line in memory at a time); a malformed line gets an error
 * line naming its line number and the rest go on. Exit code 2 if any line was malformed.
 */
export async function labelCommand(input: Readable, io: Io): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  let bad = 0;
  for await (const raw of lines) {
    n++;
    if (!raw.trim()) continue;
    let out: string;
    try {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        throw new Error(`not valid JSON (${(e as Error).message})`);
      }
      const u = toUtterance(value, { line: n });
      out = JSON.stringify({ ...(u.id !== undefined ? { id: u.id } : {}), kinds: labelKinds(u) });
    } catch (e) {
      bad++;
      const message = isWalkpointError(e)
        ? e.message.replace(/^:?\d+: /, '')
        : (e as Error).message;
      const id = (() => {
        try {
          return (JSON.parse(raw) as { id?: unknown }).id;
        } catch {
          return undefined;
        }
      })();
      out = JSON.stringify({ ...(id !== undefined ? { id } : {}), line: n, error: message });
    }
    // respect back-pressure so a million lines never pile up in memory
    if (!io.out.write(`${out}\n`) && 'once' in io.out) {
      await new Promise((resolve) =>
        (io.out as unknown as NodeJS.WritableStream).once('drain', resolve),
      );
    }
  }
  if (bad > 0)
    io.err.write(`walkpoint label: ${bad} of ${n} lines were malformed (see their error lines)\n`);
  return bad > 0 ? 2 : 0;
}
