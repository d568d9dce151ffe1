/** Stored calls: the original transcript, the analysis, and its moments and findings as rows. */
import { createHash } from 'node:crypto';
import {
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import type { Analysis } from '../../core/types.js';
import { RESPONSE_KINDS, type ResponseKind, splitKind } from '../../core/vocabulary.js';
import type { CallDetail, CallSummary, StoredMoment } from '../contract/shapes.js';
import { activeCorrectionsOf, applyCorrections, correctionsOfCall } from './corrections.js';
import { isPostgres } from './dialect.js';
import { effectiveAnalysis } from './effective.js';
import type { Database, NewCall } from './schema.js';
import { type Viewer, visibleTo } from './scope.js';
import { nowIso, weekOf } from './time.js';

export { SEVERITY } from './effective.js';
export type { CallDetail, CallSummary, StoredMoment };

/** Rows per multi-row insert: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export interface StoreCallInput {
  title: string;
  ownerId: number;
  repUserId: number;
  /** YYYY-MM-DD */
  callDate: string;
  content: string;
  analysis: Analysis;
  /** The model that read it (`shipped` unless a retrained one is active). */
  modelVersion?: string;
}

/** The summary columns of a call row, from its analysis. */
export function analysisColumns(analysis: Analysis) {
  return {
    format: analysis.source.format,
    rep_speakers: analysis.speakers
      .filter((s) => s.role === 'rep')
      .map((s) => s.name)
      .join(', '),
    engine_version: analysis.engine.version,
    score: Math.round(analysis.score.willingToWalk),
    rep_talk_share: analysis.metrics.repTalkShare,
    questions: analysis.metrics.questions,
    tough_questions: analysis.metrics.toughQuestions,
    rep_turns: analysis.metrics.repTurns,
    duration_seconds: analysis.metrics.durationSeconds ?? null,
    moment_count: analysis.moments.length,
    analysis_json: JSON.stringify(analysis),
  };
}

/** Runs `insert` over `rows` in chunks (one statement each, inside the caller's transaction). */
async function insertChunked<R>(
  rows: R[],
  insert: (chunk: R[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** A finding as its row (the benchmark's bulk generator writes the same rows). */
export function findingRow(callId: number, f: Analysis['findings'][number]) {
  const { kind, subtype } = splitKind(f.kind);
  return {
    call_id: callId,
    turn: f.turn,
    kind,
    subtype: subtype ?? null,
    quote: f.quote,
    reason: f.reason,
    detector: f.detector,
    confidence: f.confidence,
    role: f.role,
  };
}

async function insertFindings(trx: Transaction<Database>, callId: number, analysis: Analysis) {
  // overruled pattern hits stay in analysis_json, with their reason; the rows hold what counts
  await insertChunked(
    analysis.findings.filter((f) => !f.overruled).map((f) => findingRow(callId, f)),
    (chunk) => trx.insertInto('findings').values(chunk).execute(),
  );
}

/**
 * Stores a call with its moments and findings in one transaction; resolves only after the
 * commit, so an acknowledged upload survives a crash.
 */
export async function insertCall(db: Kysely<Database>, input: StoreCallInput): Promise<number> {
  return db.transaction().execute((trx) => insertCallIn(trx, input));
}

/** Stores a call inside the caller's transaction (a job commits it with its own completion). */
export async function insertCallIn(
  trx: Transaction<Database>,
  input: StoreCallInput,
): Promise<number> {
  const now = nowIso();
  const row: NewCall = {
    title: input.title,
    owner_id: input.ownerId,
    rep_user_id: input.repUserId,
    call_date: input.callDate,
    call_week: weekOf(input.callDate),
    content: input.content,
    content_hash: contentHash(input.content),
    bytes: Buffer.byteLength(input.content),
    created_at: now,
    updated_at: now,
    model_version: input.modelVersion ?? 'shipped',
    ...analysisColumns(input.analysis),
  };
  const { id } = await trx
    .insertInto('calls')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  // the moments rows come from the analysis (a new call has no corrections over it yet)
  await applyCorrections(trx, id, {
    analysis: input.analysis,
    callDate: input.callDate,
    fresh: true,
  });
  await insertFindings(trx, id, input.analysis);
  return id;
}

/**
 * Replaces a stored analysis (after an engine upgrade or with another model). Moments are kept
 * by turn (notes, the reviewed mark and corrections stay with them) and the call's active
 * corrections are applied again, over the new engine's reading.
 */
export async function replaceAnalysis(
  db: Kysely<Database>,
  callId: number,
  analysis: Analysis,
  modelVersion = 'shipped',
): Promise<void> {
  await db.transaction().execute((trx) => replaceAnalysisIn(trx, callId, analysis, modelVersion));
}

/** Replaces a stored analysis inside the caller's transaction (a reanalysis job's). */
export async function replaceAnalysisIn(
  trx: Transaction<Database>,
  callId: number,
  analysis: Analysis,
  modelVersion = 'shipped',
): Promise<void> {
  await trx
    .updateTable('calls')
    .set({ ...analysisColumns(analysis), model_version: modelVersion, updated_at: nowIso() })
    .where('id', '=', callId)
    .execute();
  await trx.deleteFrom('findings').where('call_id', '=', callId).execute();
  await applyCorrections(trx, callId);
  await insertFindings(trx, callId, analysis);
}

/**
 * The rep's call with the same content, if there is one: the same transcript for another rep is
 * another call (the unique key is rep and content). The uploader may only choose reps they can
 * see, so the call found is one they can see too.
 */
export async function findDuplicate(
  db: Kysely<Database>,
  content: string,
  repUserId: number,
): Promise<{ id: number; title: string } | undefined> {
  return db
    .selectFrom('calls')
    .select(['id', 'title'])
    .where('content_hash', '=', contentHash(content))
    .where('rep_user_id', '=', repUserId)
    .executeTakeFirst();
}

export const CALL_SORTS = ['date', 'score', 'title', 'moments', 'rep', 'account'] as const;
export type CallSort = (typeof CALL_SORTS)[number];

export interface CallFilter {
  rep?: number[];
  from?: string;
  to?: string;
  minScore?: number;
  maxScore?: number;
  response?: string[];
  trigger?: string[];
  q?: string;
  sort?: CallSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** `%` and `_` in a user's search are literal. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search box: a case-insensitive match on the title, the rep's speaker names, the rep's
 * name and the transcript. SQLite: a substring anywhere. PostgreSQL: the same substring match
 * on the short fields (trigram indexes), and on the transcript every word, the last one as a
 * prefix ("budget inf" finds "information about the budget"), through the GIN index on
 * `calls.search` (migration 008); not as a phrase, because a phrase makes PostgreSQL re-read
 * the vector of every candidate row (seconds for a common phrase at 100,000 calls); a rep's name goes through an array so every branch of the
 * `or` can use an index.
 */
function searchCondition(pg: boolean, q: string): RawBuilder<SqlBool> {
  const p = likePattern(q);
  if (!pg) {
    return sql<SqlBool>`(lower(calls.title) like ${p} escape '\\' or lower(calls.rep_speakers) like ${p} escape '\\'
        or lower(calls.account) like ${p} escape '\\'
        or lower(users.name) like ${p} escape '\\' or lower(calls.content) like ${p} escape '\\')`;
  }
  // Only words make a text query; "%%" alone would be an empty (invalid) prefix query.
  const words = /[\p{L}\p{N}]/u.test(q)
    ? sql`or calls.search @@ (plainto_tsquery('simple', ${q})::text || ':*')::tsquery`
    : sql``;
  return sql<SqlBool>`(lower(calls.title) like ${p} escape '\\' or lower(calls.rep_speakers) like ${p} escape '\\'
      or lower(calls.account) like ${p} escape '\\'
      or calls.rep_user_id = any(array(select u.id from users u where lower(u.name) like ${p} escape '\\'))
      ${words})`;
}

function filtered<O>(
  qb: SelectQueryBuilder<Database, 'calls' | 'users', O>,
  viewer: Viewer,
  f: CallFilter,
  pg: boolean,
): SelectQueryBuilder<Database, 'calls' | 'users', O> {
  let q = qb.where(visibleTo(viewer));
  if (f.rep && f.rep.length > 0) q = q.where('calls.rep_user_id', 'in', f.rep);
  if (f.from) q = q.where('calls.call_date', '>=', f.from);
  if (f.to) q = q.where('calls.call_date', '<=', f.to);
  if (f.minScore !== undefined) q = q.where('calls.score', '>=', f.minScore);
  if (f.maxScore !== undefined) q = q.where('calls.score', '<=', f.maxScore);
  for (const [column, kinds] of [
    ['response_kind', f.response],
    ['trigger_kind', f.trigger],
  ] as const) {
    if (!kinds || kinds.length === 0) continue;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('moments')
          .select('moments.id')
          .whereRef('moments.call_id', '=', 'calls.id')
          .where('moments.dismissed', '=', 0)
          .where(`moments.${column}`, 'in', kinds),
      ),
    );
  }
  if (f.q?.trim()) q = q.where(searchCondition(pg, f.q.trim()));
  return q;
}

const SORT_COLUMN = {
  date: 'calls.call_date',
  score: 'calls.score',
  title: 'calls.title',
  moments: 'calls.moment_count',
  rep: 'users.name',
  // no account yet sorts as an empty one, first going up, on both databases
  account: sql<string>`coalesce(calls.account, '')`,
} as const;

/** A call's summary as lists show it (the rep joined from users). */
const SUMMARY_COLUMNS = [
  'calls.id',
  'calls.title',
  'calls.account',
  'calls.rep_user_id',
  'users.name as rep_name',
  'calls.rep_speakers',
  'calls.call_date',
  'calls.format',
  'calls.score',
  'calls.moment_count',
  'calls.duration_seconds',
  'calls.rep_talk_share',
  'calls.engine_version',
  'calls.created_at',
  'calls.model_version',
  'calls.corrections',
] as const;

/**
 * Counts stop at a cap: past it a list says "10,000+" (`totalCapped`). An exact count of a word
 * found in most of 100,000 calls reads all of them (2.6 s on PostgreSQL), where a bounded one
 * stops after the cap's worth of matches; the page itself never needed the count. A list that
 * is searched or filtered on its moments checks every call it counts (a text match, a moment
 * lookup), so it counts to a lower cap (330 ms at 10,000 matches, under 110 ms at 1,000);
 * a plain or date/rep/score list reads an index and counts to the higher one.
 */
export const COUNT_CAP = 10_000;
export const CHECKED_COUNT_CAP = 1_000;

/** The count cap for a filter (see COUNT_CAP). */
export function countCapFor(f: CallFilter): number {
  const checked = Boolean(f.q?.trim()) || Boolean(f.response?.length) || Boolean(f.trigger?.length);
  return checked ? CHECKED_COUNT_CAP : COUNT_CAP;
}

/**
 * One page of the calls the viewer may see, with the number matching the filter: exact up to
 * the filter's cap, else the cap with `totalCapped` (see COUNT_CAP).
 */
export async function listCalls(
  db: Kysely<Database>,
  viewer: Viewer,
  f: CallFilter = {},
  countCap = countCapFor(f),
): Promise<{ items: CallSummary[]; total: number; totalCapped: boolean }> {
  const base = db.selectFrom('calls').innerJoin('users', 'users.id', 'calls.rep_user_id');
  const pageSize = f.pageSize ?? 25;
  const page = f.page ?? 1;
  const order = f.order ?? 'desc';
  const pg = isPostgres(db);
  const [rows, count] = await Promise.all([
    filtered(base.select(SUMMARY_COLUMNS), viewer, f, pg)
      .orderBy(SORT_COLUMN[f.sort ?? 'date'], order)
      .orderBy('calls.id', order)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom(
        filtered(base.select(sql<number>`1`.as('one')), viewer, f, pg)
          .limit(countCap + 1)
          .as('matching'),
      )
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const mix = await responseMixOf(
    db,
    rows.map((r) => r.id),
  );
  const matching = Number(count.n);
  return {
    total: Math.min(matching, countCap),
    totalCapped: matching > countCap,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      account: r.account,
      repUserId: r.rep_user_id,
      repName: r.rep_name,
      repSpeakers: r.rep_speakers,
      callDate: r.call_date,
      format: r.format,
      score: r.score,
      momentCount: r.moment_count,
      durationSeconds: r.duration_seconds,
      repTalkShare: r.rep_talk_share,
      engineVersion: r.engine_version,
      createdAt: r.created_at,
      responses: mix.get(r.id) ?? {},
      modelVersion: r.model_version,
      corrections: r.corrections,
    })),
  };
}

async function responseMixOf(db: Kysely<Database>, callIds: number[]) {
  const out = new Map<number, Partial<Record<ResponseKind, number>>>();
  if (callIds.length === 0) return out;
  const rows = await db
    .selectFrom('moments')
    .select((eb) => ['call_id', 'response_kind', eb.fn.countAll().as('n')])
    .where('call_id', 'in', callIds)
    .where('dismissed', '=', 0)
    .groupBy(['call_id', 'response_kind'])
    .execute();
  for (const r of rows) {
    const mix = out.get(r.call_id) ?? {};
    if ((RESPONSE_KINDS as readonly string[]).includes(r.response_kind)) {
      mix[r.response_kind as ResponseKind] = Number(r.n);
    }
    out.set(r.call_id, mix);
  }
  return out;
}

/** A call the viewer may see, with its analysis and stored moments; undefined otherwise. */
export async function getCall(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<CallDetail | undefined> {
  const row = await db
    .selectFrom('calls')
    .innerJoin('users', 'users.id', 'calls.rep_user_id')
    // Named columns: on PostgreSQL the row also holds the search vector, which nobody reads.
    .select([...SUMMARY_COLUMNS, 'calls.analysis_json'])
    .where('calls.id', '=', id)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  if (!row) return undefined;
  const moments = await listMoments(db, viewer, id);
  const analysis = JSON.parse(row.analysis_json) as Analysis;
  // the scorecard's components with the corrections counted, as the call's score is
  const correctedScore =
    row.corrections > 0
      ? effectiveAnalysis(analysis, (await activeCorrectionsOf(db, [id])).get(id) ?? []).score
      : null;
  const responses: Partial<Record<ResponseKind, number>> = {};
  for (const m of moments) {
    if (m.dismissed) continue;
    const k = m.responseKind as ResponseKind;
    responses[k] = (responses[k] ?? 0) + 1;
  }
  return {
    id: row.id,
    title: row.title,
    account: row.account,
    repUserId: row.rep_user_id,
    repName: row.rep_name,
    repSpeakers: row.rep_speakers,
    callDate: row.call_date,
    format: row.format,
    score: row.score,
    momentCount: row.moment_count,
    durationSeconds: row.duration_seconds,
    repTalkShare: row.rep_talk_share,
    engineVersion: row.engine_version,
    createdAt: row.created_at,
    responses,
    modelVersion: row.model_version,
    corrections: row.corrections,
    analysis,
    moments: moments ?? [],
    correctedScore,
  };
}

/** The original transcript text of a visible call. */
export async function getCallContent(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<{ title: string; content: string } | undefined> {
  return db
    .selectFrom('calls')
    .select(['title', 'content'])
    .where('calls.id', '=', id)
    .where(visibleTo(viewer))
    .executeTakeFirst();
}

/** The stored moments of a visible call (empty when the call is not visible or has none). */
export async function listMoments(
  db: Kysely<Database>,
  viewer: Viewer,
  callId: number,
): Promise<StoredMoment[]> {
  const rows = await db
    .selectFrom('moments')
    .innerJoin('calls', 'calls.id', 'moments.call_id')
    .selectAll('moments')
    .select((eb) =>
      eb
        .selectFrom('notes')
        .select(eb.fn.countAll().as('n'))
        .whereRef('notes.moment_id', '=', 'moments.id')
        .as('note_count'),
    )
    .where('moments.call_id', '=', callId)
    .where(visibleTo(viewer))
    .orderBy('moments.turn')
    .execute();
  const corrections = rows.some((r) => r.correction_id !== null)
    ? await correctionsOfCall(db, callId)
    : new Map();
  return rows.map((r) => ({
    id: r.id,
    callId: r.call_id,
    idx: r.idx,
    turn: r.turn,
    speaker: r.speaker,
    triggerKind: r.trigger_kind,
    triggerSubtype: r.trigger_subtype,
    triggerQuote: r.trigger_quote,
    responseKind: r.response_kind,
    evidence: r.evidence,
    reviewed: r.reviewed === 1,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    noteCount: Number(r.note_count ?? 0),
    origin: r.origin === 'manager' ? 'manager' : 'engine',
    dismissed: r.dismissed === 1,
    needsReview: r.needs_review === 1,
    engineReading:
      r.engine_trigger_kind === null || r.engine_response_kind === null
        ? null
        : {
            triggerKind: r.engine_trigger_kind,
            triggerSubtype: r.engine_trigger_subtype,
            responseKind: r.engine_response_kind,
          },
    correction: (r.correction_id !== null && corrections.get(r.correction_id)) || null,
  }));
}

/** What may be edited of a stored call: how it is named. */
export interface CallEdit {
  title?: string;
  /** null: no account. */
  account?: string | null;
}

/**
 * Renames a visible call or names its account; false if the viewer may not see it. Anyone who
 * may see a call may name it (the rep, their manager, an admin), as they may delete it.
 */
export async function updateCall(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  edit: CallEdit,
): Promise<boolean> {
  const set: { title?: string; account?: string | null; updated_at: string } = {
    updated_at: nowIso(),
  };
  if (edit.title !== undefined) set.title = edit.title;
  if (edit.account !== undefined) set.account = edit.account;
  // one statement: the visibility is part of what it updates
  const r = await db
    .updateTable('calls')
    .set(set)
    .where('calls.id', '=', id)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes a visible call (its moments, findings and notes go with it); false if not visible. */
export async function deleteCall(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('calls')
      .select('id')
      .where('calls.id', '=', id)
      .where(visibleTo(viewer))
      .executeTakeFirst();
    if (!row) return false;
    // Explicit child deletes: PostgreSQL and SQLite agree without relying on pragma state.
    const momentIds = trx.selectFrom('moments').select('id').where('call_id', '=', id);
    await trx.deleteFrom('notes').where('moment_id', 'in', momentIds).execute();
    await trx.deleteFrom('moments').where('call_id', '=', id).execute();
    const corrections = trx.selectFrom('corrections').select('id').where('call_id', '=', id);
    await trx.deleteFrom('correction_replies').where('correction_id', 'in', corrections).execute();
    await trx.deleteFrom('corrections').where('call_id', '=', id).execute();
    await trx.deleteFrom('findings').where('call_id', '=', id).execute();
    await trx.deleteFrom('calls').where('id', '=', id).execute();
    return true;
  });
}

/**
 * Stored calls made by another engine version or another model (or all, when `all`): what a
 * reanalysis needs.
 */
export async function callsToReanalyze(
  db: Kysely<Database>,
  engineVersion: string,
  all: boolean,
  modelVersion = 'shipped',
): Promise<{ id: number; title: string; owner_id: number }[]> {
  let q = db.selectFrom('calls').select(['id', 'title', 'owner_id']).orderBy('id');
  if (!all) {
    q = q.where((eb) =>
      eb.or([eb('engine_version', '<>', engineVersion), eb('model_version', '<>', modelVersion)]),
    );
  }
  return q.execute();
}
