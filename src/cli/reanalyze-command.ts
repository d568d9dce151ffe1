import { ENGINE_VERSION } from '../analyze.js';
import { isWalkpointError } from '../errors.js';
import { SHIPPED_MODEL } from '../model/shipped.js';
import { type Analyzer, analyzerOptionsFromEnv, workerAnalyzer } from '../server/analyzer.js';
import { ApiError } from '../server/api/errors.js';
import { callsToReanalyze, replaceAnalysis } from '../server/db/calls.js';
import { openDb } from '../server/db/connect.js';
import { activeModel } from '../server/models.js';
import type { Io } from './main.js';

/**
 * `walkpoint reanalyze`: re-runs the engine over stored calls made by another engine version or
 * another model than the active one (or all of them with --all), keeping notes, review marks
 * and corrections (moments are kept by turn; corrections are applied again over the new reading).
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
    const model = await activeModel(db.db);
    const calls = await callsToReanalyze(
      db.db,
      ENGINE_VERSION,
      opts.all,
      model?.id ?? SHIPPED_MODEL,
    );
    let failed = 0;
    for (const call of calls) {
      const rep = call.rep_speakers ? call.rep_speakers.split(', ').filter(Boolean) : undefined;
      try {
        const { analysis, modelVersion } = await analyzer.analyze({
          content: call.content,
          file: call.title,
          rep,
          model,
        });
        // the call's corrections are applied again over the new reading
        await replaceAnalysis(db.db, call.id, analysis, modelVersion);
      } catch (e) {
        if (!isWalkpointError(e) && !(e instanceof ApiError)) throw e;
        failed++;
        io.err.write(`walkpoint: call ${call.id} (${call.title}): ${e.message}\n`);
      }
    }
    io.out.write(
      `Reanalysed ${calls.length - failed} of ${calls.length} call${calls.length === 1 ? '' : 's'} with engine ${ENGINE_VERSION} (model ${model?.id ?? SHIPPED_MODEL}).\n`,
    );
    return failed > 0 ? 2 : 0;
  } finally {
    await analyzer.close();
    await db.close();
  }
}
