import { ENGINE_VERSION } from '../analyze.js';
import { isWalkpointError } from '../errors.js';
import { type Analyzer, analyzerOptionsFromEnv, workerAnalyzer } from '../server/analyzer.js';
import { ApiError } from '../server/api/errors.js';
import { callsToReanalyze, replaceAnalysis } from '../server/db/calls.js';
import { openDb } from '../server/db/connect.js';
import type { Io } from './main.js';

/**
 * `walkpoint reanalyze`: re-runs the engine over stored calls made by another engine version
 * (or all of them with --all), keeping notes and review marks on moments that still exist.
 * Each call is analysed on a worker within the server's budget (WALKPOINT_ANALYSIS_*), so one
 * pathological stored call is reported and kept as it was instead of stalling the run.
 */
export async function reanalyzeCommand(
  opts: { all: boolean; db?: string; analyzer?: Analyzer },
  io: Io,
): Promise<number> {
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB);
  const analyzer = opts.analyzer ?? workerAnalyzer({ ...analyzerOptionsFromEnv(), workers: 1 });
  try {
    const calls = await callsToReanalyze(db.db, ENGINE_VERSION, opts.all);
    let failed = 0;
    for (const call of calls) {
      const rep = call.rep_speakers ? call.rep_speakers.split(', ').filter(Boolean) : undefined;
      try {
        const { analysis } = await analyzer.analyze({
          content: call.content,
          file: call.title,
          rep,
        });
        await replaceAnalysis(db.db, call.id, analysis);
      } catch (e) {
        if (!isWalkpointError(e) && !(e instanceof ApiError)) throw e;
        failed++;
        io.err.write(`walkpoint: call ${call.id} (${call.title}): ${e.message}\n`);
      }
    }
    io.out.write(
      `Reanalysed ${calls.length - failed} of ${calls.length} call${calls.length === 1 ? '' : 's'} with engine ${ENGINE_VERSION}.\n`,
    );
    return failed > 0 ? 2 : 0;
  } finally {
    await analyzer.close();
    await db.close();
  }
}
