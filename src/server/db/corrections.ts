/**
 * Corrections: stored with their history, applied to the moment rows and the call's summary by
 * one function (`applyCorrections`), which runs after a correction, a revert and a reanalysis.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Analysis } from '../../core/types.js';
import {
  RESPONSE_KINDS,
  splitKind,
  TRIGGER_KINDS,
  TRIGGER_SUBTYPES,
  type TriggerKind,
} from '../../core/vocabulary.js';
import { ApiError } from '../contract/errors.js';
import type { Correction, CorrectionInput, CorrectionReply, Reading } from '../contract/shapes.js';
import {
  type ActiveCorrection,
  effectiveAnalysis,
  effectiveMoments,
  SEVERITY,
} from './effective.js';
import type { CorrectionRow, Database, MomentsTable } from './schema.js';
import { type Viewer, visibleTo } from './scope.js';
import { nowIso } from './time.js';

export type { Correction, CorrectionReply };

type Q = Kysely<Database> | Transaction<Database>;

/** Moment rows per insert statement (18 values each: well under either engine's limit). */
const MOMENT_CHUNK = 200;

const readingOf = (
  kind: string | null,
  subtype: string | null,
  response: string | null,
): Reading | null =>
  kind === null || response === null
    ? null
    : { triggerKind: kind, triggerSubtype: subtype, responseKind: response };

/** The active corrections of a call, oldest first. */
async function activeOf(q: Q, callId: number): Promise<ActiveCorrection[]> {
  return (await activeCorrectionsOf(q, [callId])).get(callId) ?? [];
}

/** The active corrections of each call, for reading many calls' effective analyses at once. */
export async function activeCorrectionsOf(
  q: Q,
  callIds: number[],
): Promise<Map<number, ActiveCorrection[]>> {
  const out = new Map<number, ActiveCorrection[]>();
  if (callIds.length === 0) return out;
  const rows = await q
    .selectFrom('corrections')
    .selectAll()
    .where('call_id', 'in', callIds)
    .where('reverted_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.call_id) ?? [];
    list.push({
      id: r.id,
      turn: r.turn,
      quote: r.quote,
      corrected: readingOf(r.trigger_kind, r.trigger_subtype, r.response_kind),
    });
    out.set(r.call_id, list);
  }
  return out;
}

/**
 * Re-applies a call's active corrections to its moment rows (kept by turn, so notes and review
 * marks stay; promoted moments get rows; rows no reading holds any more go, with their notes)
 * and recomputes what depends on them: score, moment count, severity, needs_review.
 */
export async function applyCorrections(
  trx: Q,
  callId: number,
  known?: { analysis: Analysis; callDate: string; fresh: true },
): Promise<void> {
  let analysis = known?.analysis;
  let callDate = known?.callDate;
  if (!analysis || callDate === undefined) {
    const call = await trx
      .selectFrom('calls')
      .select(['analysis_json', 'call_date'])
      .where('id', '=', callId)
      .executeTakeFirst();
    if (!call) return;
    analysis = JSON.parse(call.analysis_json) as Analysis;
    callDate = call.call_date;
  }
  // A call stored a moment ago has no corrections and no moment rows yet: no need to ask.
  const active = known?.fresh ? [] : await activeOf(trx, callId);
  const wanted = effectiveMoments(analysis, active);
  const existing = known?.fresh
    ? []
    : await trx
        .selectFrom('moments')
        .select(['id', 'turn'])
        .where('call_id', '=', callId)
        .execute();
  const byTurn = new Map(existing.map((r) => [r.turn, r.id]));
  const inserts: Insertable<MomentsTable>[] = [];
  for (const e of wanted) {
    const row = {
      call_id: callId,
      call_date: callDate,
      idx: e.idx,
      turn: e.turn,
      speaker: e.speaker,
      trigger_kind: e.reading.triggerKind,
      trigger_subtype: e.reading.triggerSubtype,
      trigger_quote: e.quote,
      response_kind: e.reading.responseKind,
      response_turn: e.responseTurn,
      evidence: e.evidence,
      severity: SEVERITY[e.reading.responseKind as keyof typeof SEVERITY] ?? 0,
      needs_review: e.needsReview ? 1 : 0,
      origin: e.origin,
      dismissed: e.dismissed ? 1 : 0,
      engine_trigger_kind: e.engine?.triggerKind ?? null,
      engine_trigger_subtype: e.engine?.triggerSubtype ?? null,
      engine_response_kind: e.engine?.responseKind ?? null,
      correction_id: e.correctionId,
    };
    const id = byTurn.get(e.turn);
    if (id === undefined) inserts.push(row);
    else {
      await trx.updateTable('moments').set(row).where('id', '=', id).execute();
      byTurn.delete(e.turn);
    }
  }
  // new rows in a few statements, not one each (a round trip each on PostgreSQL)
  for (let i = 0; i < inserts.length; i += MOMENT_CHUNK) {
    await trx
      .insertInto('moments')
      .values(inserts.slice(i, i + MOMENT_CHUNK))
      .execute();
  }
  const gone = [...byTurn.values()];
  if (gone.length > 0) {
    await trx.deleteFrom('notes').where('moment_id', 'in', gone).execute();
    await trx.deleteFrom('moments').where('id', 'in', gone).execute();
  }
  // a fresh call's summary columns were written from this same analysis
  if (known?.fresh) return;
  const effective = effectiveAnalysis(analysis, active);
  await trx
    .updateTable('calls')
    .set({
      score: Math.round(effective.score.willingToWalk),
      moment_count: effective.moments.length,
      corrections: new Set(active.map((c) => c.turn)).size,
    })
    .where('id', '=', callId)
    .execute();
}

/** The call of a correction, if the viewer may see it. */
async function visibleCorrection(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<CorrectionRow | undefined> {
  return db
    .selectFrom('corrections')
    .innerJoin('calls', 'calls.id', 'corrections.call_id')
    .selectAll('corrections')
    .where('corrections.id', '=', id)
    .where(visibleTo(viewer))
    .executeTakeFirst();
}

/** Replies to corrections (or one reply), oldest first. */
async function repliesWhere(
  db: Kysely<Database>,
  where: { correctionIds: number[] } | { id: number },
): Promise<CorrectionReply[]> {
  let q = db
    .selectFrom('correction_replies')
    .innerJoin('users', 'users.id', 'correction_replies.author_id')
    .selectAll('correction_replies')
    .select('users.name as author_name')
    .orderBy('correction_replies.id');
  q =
    'id' in where
      ? q.where('correction_replies.id', '=', where.id)
      : q.where('correction_replies.correction_id', 'in', where.correctionIds);
  return (await q.execute()).map((x) => ({
    id: x.id,
    correctionId: x.correction_id,
    authorId: x.author_id,
    authorName: x.author_name,
    body: x.body,
    createdAt: x.created_at,
  }));
}

/** The corrections of calls (the caller checked who may see them), oldest first, with replies. */
async function correctionsWhere(
  db: Kysely<Database>,
  where: { callId: number } | { id: number },
): Promise<Correction[]> {
  let q = db
    .selectFrom('corrections')
    .innerJoin('users', 'users.id', 'corrections.author_id')
    .selectAll('corrections')
    .select('users.name as author_name')
    .orderBy('corrections.id');
  q =
    'callId' in where
      ? q.where('corrections.call_id', '=', where.callId)
      : q.where('corrections.id', '=', where.id);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const replies = await repliesWhere(db, { correctionIds: rows.map((r) => r.id) });
  return rows.map((r) => ({
    id: r.id,
    callId: r.call_id,
    turn: r.turn,
    quote: r.quote,
    action: r.action,
    engine: readingOf(r.engine_trigger_kind, r.engine_trigger_subtype, r.engine_response_kind),
    corrected: readingOf(r.trigger_kind, r.trigger_subtype, r.response_kind),
    reason: r.reason,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at,
    revertedAt: r.reverted_at,
    revertedBy: r.reverted_by,
    replies: replies.filter((x) => x.correctionId === r.id),
  }));
}

/** A visible call's corrections, oldest first, reverted ones included; undefined if not visible. */
export async function listCorrections(
  db: Kysely<Database>,
  viewer: Viewer,
  callId: number,
): Promise<Correction[] | undefined> {
  const call = await db
    .selectFrom('calls')
    .select('id')
    .where('calls.id', '=', callId)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  if (!call) return undefined;
  return correctionsWhere(db, { callId });
}

const invalid = (field: string, message: string) =>
  new ApiError(400, 'invalid', `${field}: ${message}`, field);

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The trigger kind and subtype of a correction, checked against the vocabulary. */
function triggerOf(input: CorrectionInput): { kind: string; subtype: string | null } {
  const given = input.triggerKind ?? '';
  // `objection:price` is accepted too, as the finding vocabulary writes it
  const { kind, subtype: inline } = splitKind(given);
  if (!(TRIGGER_KINDS as readonly string[]).includes(kind)) {
    throw invalid(
      'triggerKind',
      given
        ? `"${given}" is not a trigger kind; use one of ${TRIGGER_KINDS.join(', ')}`
        : 'required',
    );
  }
  const subtypes = TRIGGER_SUBTYPES[kind as TriggerKind] as readonly string[];
  const subtype = input.triggerSubtype ?? inline ?? null;
  if (subtypes.length === 0) {
    if (subtype) throw invalid('triggerSubtype', `${kind} has no subtypes; leave it out`);
    return { kind, subtype: null };
  }
  if (!subtype || !subtypes.includes(subtype)) {
    throw invalid(
      'triggerSubtype',
      `${subtype ? `"${subtype}" is not a subtype of ${kind}` : `${kind} needs a subtype`}; use one of ${subtypes.join(', ')}`,
    );
  }
  return { kind, subtype };
}

function responseOf(input: CorrectionInput): string {
  const r = input.responseKind;
  if (!r || !(RESPONSE_KINDS as readonly string[]).includes(r)) {
    throw invalid(
      'responseKind',
      `${r ? `"${r}" is not a response kind` : 'required'}; use one of ${RESPONSE_KINDS.join(', ')}`,
    );
  }
  return r;
}

/**
 * Records a correction on a visible call and applies it; undefined when the viewer cannot see
 * the call. Throws a 400 naming the field when the correction does not fit the call.
 */
export async function createCorrection(
  db: Kysely<Database>,
  viewer: Viewer,
  callId: number,
  input: CorrectionInput,
): Promise<Correction | undefined> {
  const id = await db.transaction().execute(async (trx) => {
    const call = await trx
      .selectFrom('calls')
      .select(['id', 'analysis_json'])
      .where('calls.id', '=', callId)
      .where(visibleTo(viewer))
      .executeTakeFirst();
    if (!call) return undefined;
    const analysis = JSON.parse(call.analysis_json) as Analysis;
    const turn = analysis.turns.find((t) => t.index === input.turn);
    if (turn?.role !== 'prospect') {
      throw invalid('turn', `turn ${input.turn} is not one of the prospect's turns in this call`);
    }
    const moment = await trx
      .selectFrom('moments')
      .selectAll()
      .where('call_id', '=', callId)
      .where('turn', '=', input.turn)
      .executeTakeFirst();
    const current: Reading | null = moment
      ? {
          triggerKind: moment.trigger_kind,
          triggerSubtype: moment.trigger_subtype,
          responseKind: moment.response_kind,
        }
      : null;
    let quote = moment?.trigger_quote ?? '';
    let corrected: Reading | null;
    if (input.action === 'promote') {
      const q = input.quote?.trim();
      if (!q) throw invalid('quote', 'required: the prospect sentence to promote');
      if (!norm(turn.text).includes(norm(q))) {
        throw invalid('quote', `not a sentence of turn ${input.turn} (the prospect's words there)`);
      }
      quote = q;
      const t = triggerOf(input);
      corrected = {
        triggerKind: t.kind,
        triggerSubtype: t.subtype,
        responseKind: responseOf(input),
      };
    } else {
      if (!current) {
        throw invalid(
          'turn',
          `there is no walk-point at turn ${input.turn} to ${input.action}; promote a sentence instead`,
        );
      }
      if (input.action === 'dismiss') corrected = null;
      else if (input.action === 'regrade') {
        corrected = { ...current, responseKind: responseOf(input) };
      } else {
        const t = triggerOf(input);
        corrected = { ...current, triggerKind: t.kind, triggerSubtype: t.subtype };
      }
    }
    const { id } = await trx
      .insertInto('corrections')
      .values({
        call_id: callId,
        turn: input.turn,
        quote,
        action: input.action,
        engine_trigger_kind: moment?.engine_trigger_kind ?? null,
        engine_trigger_subtype: moment?.engine_trigger_subtype ?? null,
        engine_response_kind: moment?.engine_response_kind ?? null,
        trigger_kind: corrected?.triggerKind ?? null,
        trigger_subtype: corrected?.triggerSubtype ?? null,
        response_kind: corrected?.responseKind ?? null,
        reason: input.reason?.trim() || null,
        author_id: viewer.id,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await applyCorrections(trx, callId);
    return id;
  });
  if (id === undefined) return undefined;
  const [c] = await correctionsWhere(db, { id });
  return c;
}

/**
 * Reverts a correction on a visible call (kept in history; the previous correction at the turn,
 * or the engine's reading, applies again). Undefined when not visible; 409 when already reverted.
 */
export async function revertCorrection(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<Correction | undefined> {
  const row = await visibleCorrection(db, viewer, id);
  if (!row) return undefined;
  if (row.reverted_at) {
    throw new ApiError(
      409,
      'already-reverted',
      `Correction ${id} was already reverted (${row.reverted_at}).`,
    );
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('corrections')
      .set({ reverted_at: nowIso(), reverted_by: viewer.id })
      .where('id', '=', id)
      .execute();
    await applyCorrections(trx, row.call_id);
  });
  const [c] = await correctionsWhere(db, { id });
  return c;
}

/** Adds a reply to a correction on a visible call; undefined when not visible. */
export async function addCorrectionReply(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  body: string,
): Promise<CorrectionReply | undefined> {
  const row = await visibleCorrection(db, viewer, id);
  if (!row) return undefined;
  const reply = await db
    .insertInto('correction_replies')
    .values({ correction_id: id, author_id: viewer.id, body: body.trim(), created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [out] = await repliesWhere(db, { id: reply.id });
  return out;
}

/** A call's corrections by id (for the moments listing), oldest first. */
export async function correctionsOfCall(
  db: Kysely<Database>,
  callId: number,
): Promise<Map<number, Correction>> {
  return new Map((await correctionsWhere(db, { callId })).map((c) => [c.id, c]));
}
