/**
 * What the analysis jobs do. `analyze`: a transcript (an upload answered at once, or a file of
 * a bulk import) is analysed on the Analyzer's worker threads, assigned to its rep and stored,
 * the call and the job's completion in one transaction. `reanalyze`: a stored call analysed
 * again by this engine. The analysis is the same as a synchronous upload's (ingest.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import { ApiError } from '../contract/errors.js';
import { findDuplicate, insertCallIn, replaceAnalysisIn } from '../db/calls.js';
import type { Database } from '../db/schema.js';
import { isoDate } from '../db/time.js';
import type { Analyzer } from '../services/analyzer.js';
import { duplicateError, prepareUpload } from '../services/ingest.js';
import { activeModel } from '../services/models.js';
import type { JobHandler, RunningJob } from './queue.js';
import { isPostgres } from './store.js';

/** An `analyze` job's payload: the upload as the API takes it. */
export interface AnalyzePayload {
  filename: string;
  /** The text, or base64 of the file's bytes (`encoding: 'base64'`). */
  content: string;
  encoding: 'text' | 'base64';
  repId?: number;
  date?: string;
  speakers?: string[];
}

export interface ReanalyzePayload {
  callId: number;
}

/** An import's --rep-map, as stored on the import: names in lower case to user ids. */
export interface RepMap {
  /** A file name (or its path inside the folder or zip) to its rep, and the rep's speaker name. */
  files: Record<string, { userId: number; speaker?: string }>;
  /** A speaker name to the user who is the rep whenever that speaker is on a call. */
  speakers: Record<string, number>;
}

export interface AnalysisJobOptions {
  /**
   * Test-only: wait this long between analysing and storing, so a test can kill the worker
   * while it holds the job (WALKPOINT_TEST_JOB_PAUSE_MS in `walkpoint worker`).
   */
  pauseMs?: number;
}

/** The handler for every job kind, on `analyzer`'s workers. */
export function analysisJobs(
  db: Kysely<Database>,
  analyzer: Analyzer,
  opts: AnalysisJobOptions = {},
): JobHandler {
  const repMaps = new Map<number, RepMap | undefined>();
  const repMapOf = async (importId: number | null) => {
    if (importId === null) return undefined;
    if (!repMaps.has(importId)) {
      const row = await db
        .selectFrom('imports')
        .select('rep_map_json')
        .where('id', '=', importId)
        .executeTakeFirst();
      repMaps.set(
        importId,
        row?.rep_map_json ? (JSON.parse(row.rep_map_json) as RepMap) : undefined,
      );
    }
    return repMaps.get(importId);
  };
  const pause = () =>
    opts.pauseMs ? new Promise((r) => setTimeout(r, opts.pauseMs)) : Promise.resolve();

  const analyzeJob = async (job: RunningJob) => {
    const p = job.payload as AnalyzePayload;
    const owner = await db
      .selectFrom('users')
      .select(['id', 'role', 'name'])
      .where('id', '=', job.row.owner_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!owner) {
      throw new ApiError(400, 'owner-gone', 'The user who sent this file has been deleted.');
    }
    const map = await repMapOf(job.row.import_id);
    const byFile = map ? fileRep(map, p.filename) : undefined;
    await job.progress('analysing', 0.2);
    const prepared = await prepareUpload(
      db,
      owner,
      {
        filename: p.filename,
        content: p.encoding === 'base64' ? Buffer.from(p.content, 'base64') : p.content,
        repId: p.repId ?? byFile?.userId,
        speakers: p.speakers ?? (byFile?.speaker ? [byFile.speaker] : undefined),
        repBySpeaker: map?.speakers,
        background: true,
      },
      analyzer,
    ).catch((e) => {
      throw job.row.import_id !== null ? forImport(e) : e;
    });
    await job.progress('analysed', 0.8);
    await pause();
    const inImport = job.row.import_id !== null;
    await job.finish(async (trx) => {
      await holdRep(trx, prepared.rep.id);
      const dup = await findDuplicate(trx, prepared.text, prepared.rep.id);
      // In an import the same file twice is one call; an upload of it is refused, as the API does.
      if (dup && inImport) return { callId: dup.id, outcome: 'existing' };
      if (dup) throw duplicateError(prepared.title, prepared.rep, dup);
      const callId = await insertCallIn(trx, {
        title: prepared.title,
        ownerId: owner.id,
        repUserId: prepared.rep.id,
        callDate: p.date ?? isoDate(new Date()),
        content: prepared.text,
        analysis: prepared.analysis,
        modelVersion: prepared.modelVersion,
      });
      return { callId, outcome: 'stored' };
    });
  };

  const reanalyzeJob = async (job: RunningJob) => {
    const { callId } = job.payload as ReanalyzePayload;
    const call = await db
      .selectFrom('calls')
      .select(['title', 'content', 'rep_speakers'])
      .where('id', '=', callId)
      .executeTakeFirst();
    if (!call) throw new ApiError(404, 'not-found', `Call ${callId} has been deleted.`);
    await job.progress('analysing', 0.2);
    const rep = call.rep_speakers ? call.rep_speakers.split(', ').filter(Boolean) : undefined;
    const { analysis, modelVersion } = await analyzer.analyze({
      content: call.content,
      file: call.title,
      rep,
      model: await activeModel(db),
    });
    await pause();
    await job.finish(async (trx) => {
      // the call's corrections are applied again over the new reading
      await replaceAnalysisIn(trx, callId, analysis, modelVersion);
      return { callId, outcome: 'reanalysed' };
    });
  };

  return (job) => (job.row.kind === 'reanalyze' ? reanalyzeJob(job) : analyzeJob(job));
}

/** An import names the rep through its rep map, not a form's choice. */
function forImport(e: unknown): unknown {
  if (!(e instanceof ApiError) || e.code !== 'rep-unknown') return e;
  return new ApiError(
    e.status,
    e.code,
    e.message.replace(
      /choose a rep\.$/,
      'name the rep in a --rep-map CSV (speaker,email), or add the rep as a user with this name.',
    ),
    e.field,
  );
}

/** The rep map's entry for a file: by its path in the import, else by its bare name. */
function fileRep(map: RepMap, filename: string) {
  const lower = filename.trim().toLowerCase();
  return map.files[lower] ?? map.files[lower.split(/[\\/]/).pop() ?? lower];
}

/**
 * On PostgreSQL, two workers storing the same transcript for the same rep at once would both
 * find no duplicate; locking the rep's row makes them take turns. (On SQLite the job row
 * written first in the transaction already holds the only write lock.)
 */
async function holdRep(trx: Transaction<Database>, repId: number): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx.selectFrom('users').select('id').where('id', '=', repId).forUpdate().execute();
}
