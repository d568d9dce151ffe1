/**
 * Bulk imports: a folder or zip of transcripts becomes one `analyze` job per file, recorded
 * under an import so the same source imported again resumes (files already done stay done,
 * files not yet queued are queued, failed ones are read and tried again) instead of starting
 * over. The same transcript twice is one call (the jobs key calls by content and rep).
 */
import type { Kysely } from 'kysely';
import type { ImportStatus } from '../contract/shapes.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { AnalyzePayload, RepMap } from './analysis-jobs.js';
import type { JobQueue } from './queue.js';
import type { Source } from './sources.js';
import type { NewJob } from './store.js';

export interface ImportRequest {
  source: Source;
  /** How the user named the source, for display. */
  label: string;
  ownerId: number;
  repMap?: RepMap;
  /** The rep of every file (an upload's choice); otherwise the rep map, else inferred. */
  repId?: number;
  /** The call date to record; default the day each file is analysed. */
  date?: string;
}

export interface Began {
  id: number;
  /** True when this source had been imported (partly) before. */
  resumed: boolean;
  /** Files queued now: new ones, and failed ones tried again. */
  queued: number;
}

/** Files read and queued at a time: bounds the memory a large import needs. */
const BATCH = 200;

export async function beginImport(
  db: Kysely<Database>,
  queue: JobQueue,
  req: ImportRequest,
): Promise<Began> {
  const now = nowIso();
  const repMapJson = req.repMap ? JSON.stringify(req.repMap) : null;
  const existing = await db
    .selectFrom('imports')
    .select('id')
    .where('source_key', '=', req.source.key)
    .executeTakeFirst();
  let id: number;
  if (existing) {
    id = existing.id;
    await db
      .updateTable('imports')
      .set({ total: req.source.names.length, rep_map_json: repMapJson, updated_at: now })
      .where('id', '=', id)
      .execute();
  } else {
    ({ id } = await db
      .insertInto('imports')
      .values({
        source_key: req.source.key,
        source: req.label,
        owner_id: req.ownerId,
        rep_map_json: repMapJson,
        total: req.source.names.length,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  }
  const known = new Map(
    (
      await db
        .selectFrom('jobs')
        .select(['id', 'file', 'status'])
        .where('import_id', '=', id)
        .execute()
    ).map((j) => [j.file ?? '', j]),
  );
  const fresh = req.source.names.filter((n) => !known.has(n));
  const retry = req.source.names.filter((n) => known.get(n)?.status === 'failed');
  const payload = (name: string, bytes: Uint8Array): AnalyzePayload => ({
    filename: name,
    content: Buffer.from(bytes).toString('base64'),
    encoding: 'base64',
    ...(req.repId ? { repId: req.repId } : {}),
    ...(req.date ? { date: req.date } : {}),
  });
  for (let i = 0; i < fresh.length; i += BATCH) {
    const names = fresh.slice(i, i + BATCH);
    const read = req.source.read(names);
    const jobs: NewJob[] = names.map((name) => {
      const bytes = read.get(name);
      const base = { kind: 'analyze' as const, ownerId: req.ownerId, file: name, importId: id };
      return bytes instanceof Uint8Array
        ? { ...base, payload: payload(name, bytes) }
        : {
            ...base,
            payload: {},
            failed: { code: 'unreadable', message: `${name}: ${bytes?.message ?? 'not found'}` },
          };
    });
    await queue.enqueue(jobs);
  }
  for (let i = 0; i < retry.length; i += BATCH) {
    const names = retry.slice(i, i + BATCH);
    const read = req.source.read(names);
    for (const name of names) {
      const bytes = read.get(name);
      const job = known.get(name);
      if (job && bytes instanceof Uint8Array) await queue.requeue(job.id, payload(name, bytes));
    }
  }
  return { id, resumed: existing !== undefined, queued: fresh.length + retry.length };
}

/** An import's files in counts (the API adds the failed files, ImportStatus). */
export type ImportProgress = Omit<ImportStatus, 'failures'>;
export type FailedFile = ImportStatus['failures'][number];

export async function importProgress(
  db: Kysely<Database>,
  id: number,
): Promise<ImportProgress | undefined> {
  const imp = await db
    .selectFrom('imports')
    .select(['id', 'source', 'total', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!imp) return undefined;
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['status', 'outcome', eb.fn.countAll().as('n')])
    .where('import_id', '=', id)
    .groupBy(['status', 'outcome'])
    .execute();
  const count = (status: string, outcome?: string) =>
    rows
      .filter((r) => r.status === status && (outcome === undefined || r.outcome === outcome))
      .reduce((n, r) => n + Number(r.n), 0);
  const p = {
    id,
    source: imp.source,
    total: imp.total,
    queued: count('queued') + Math.max(0, imp.total - rows.reduce((n, r) => n + Number(r.n), 0)),
    running: count('running'),
    stored: count('done', 'stored'),
    existing: count('done', 'existing'),
    failed: count('failed'),
    createdAt: imp.created_at,
  };
  return { ...p, finished: p.queued === 0 && p.running === 0 };
}

/** The files of an import that failed, and why (at most `limit`, in file order). */
export async function importFailures(
  db: Kysely<Database>,
  id: number,
  limit = 1000,
): Promise<FailedFile[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'file', 'error_code', 'error'])
    .where('import_id', '=', id)
    .where('status', '=', 'failed')
    .orderBy('file')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    jobId: r.id,
    file: r.file ?? '',
    code: r.error_code ?? 'failed',
    reason: r.error ?? 'failed',
  }));
}
