import { analyze, ENGINE_VERSION } from '../analyze.js';
import { isWalkpointError } from '../errors.js';
import { callsToReanalyze, replaceAnalysis } from '../server/db/calls.js';
import { openDb } from '../server/db/connect.js';
import type { Io } from './main.js';

/**
 * `walkpoint reanalyze`: re-runs the engine over stored calls made by another engine version
 * (or all of them with --all), keeping notes and review marks on moments that still exist.
 */
export async function reanalyzeCommand(
  opts: { all: boolean; db?: string },
  io: Io,
): Promise<number> {
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB);
  try {
    const calls = await callsToReanalyze(db.db, ENGINE_VERSION, opts.all);
    let failed = 0;
    for (const call of calls) {
      const rep = call.rep_speakers ? call.rep_speakers.split(', ').filter(Boolean) : undefined;
      try {
        await replaceAnalysis(db.db, call.id, analyze(call.content, { file: call.title, rep }));
      } catch (e) {
        if (!isWalkpointError(e)) throw e;
        failed++;
        io.err.write(`walkpoint: call ${call.id} (${call.title}): ${e.message}\n`);
      }
    }
    io.out.write(
      `Reanalysed ${calls.length - failed} of ${calls.length} call${calls.length === 1 ? '' : 's'} with engine ${ENGINE_VERSION}.\n`,
    );
    return failed > 0 ? 2 : 0;
  } finally {
    await db.close();
  }
}
