/**
 * Stored deals: fields, linked calls and the user's confirmed scores. Who sees a deal follows
 * its owner the way calls follow their rep: a rep their own, a manager their teams', an admin all.
 */
import type { Kysely } from 'kysely';
import type { Analysis } from '../../core/types.js';
import type { CriterionId, ManualScore } from '../../deals/index.js';
import { activeCorrectionsOf } from './corrections.js';
import { effectiveWithIdx } from './effective.js';
import type { Database } from './schema.js';
import { type Viewer, visibleTo } from './scope.js';
import { nowIso } from './time.js';

export type DealScores = Partial<Record<CriterionId, ManualScore>>;

/** The fields a user writes. */
export interface DealFields {
  name: string;
  company: string;
  stage: string;
  value: number;
  currency?: string | null;
  nextStep?: { date: string; purpose: string } | null;
}

export interface LinkedCallSummary {
  id: number;
  title: string;
  callDate: string;
  repName: string;
  score: number;
}

export interface StoredDeal {
  id: number;
  ownerId: number;
  ownerName: string;
  teamId: number | null;
  name: string;
  company: string;
  stage: string;
  value: number;
  currency: string | null;
  nextStep: { date: string; purpose: string } | null;
  scores: DealScores;
  /** Linked calls the viewer may see, oldest first. */
  calls: LinkedCallSummary[];
  createdAt: string;
  updatedAt: string;
}

/** A `where` condition on a query with `deals` in scope. */
export const dealVisibleTo = (viewer: Viewer) => visibleTo(viewer, 'deals.owner_id');

/** Whether the viewer may act for `userId` (themselves, a member of their team, or any as admin). */
export async function canActFor(
  db: Kysely<Database>,
  viewer: Viewer,
  userId: number,
): Promise<boolean> {
  if (userId === viewer.id) return true;
  if (viewer.role === 'rep') return false;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!user) return false;
  if (viewer.role === 'admin') return true;
  const shared = await db
    .selectFrom('memberships as mine')
    .innerJoin('memberships as theirs', 'theirs.team_id', 'mine.team_id')
    .select('theirs.user_id')
    .where('mine.user_id', '=', viewer.id)
    .where('theirs.user_id', '=', userId)
    .executeTakeFirst();
  return shared !== undefined;
}

function fieldColumns(f: Partial<DealFields>) {
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.company !== undefined ? { company: f.company } : {}),
    ...(f.stage !== undefined ? { stage: f.stage } : {}),
    ...(f.value !== undefined ? { value: f.value } : {}),
    ...(f.currency !== undefined ? { currency: f.currency } : {}),
    ...(f.nextStep !== undefined
      ? {
          next_step_date: f.nextStep?.date ?? null,
          next_step_purpose: f.nextStep?.purpose ?? null,
        }
      : {}),
  };
}

/** The team a deal of `ownerId` sits under: their first team, or none. */
async function ownerTeam(db: Kysely<Database>, ownerId: number): Promise<number | null> {
  const team = await db
    .selectFrom('memberships')
    .select('team_id')
    .where('user_id', '=', ownerId)
    .orderBy('team_id')
    .executeTakeFirst();
  return team?.team_id ?? null;
}

/** Creates a deal owned by `ownerId` (the caller checks `canActFor`). */
export async function createDeal(
  db: Kysely<Database>,
  ownerId: number,
  fields: DealFields,
): Promise<number> {
  const teamId = await ownerTeam(db, ownerId);
  const now = nowIso();
  const { id } = await db
    .insertInto('deals')
    .values({
      owner_id: ownerId,
      team_id: teamId,
      name: fields.name,
      company: fields.company,
      stage: fields.stage,
      value: fields.value,
      currency: fields.currency ?? null,
      next_step_date: fields.nextStep?.date ?? null,
      next_step_purpose: fields.nextStep?.purpose ?? null,
      scores_json: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const DEAL_COLUMNS = [
  'deals.id',
  'deals.owner_id',
  'users.name as owner_name',
  'deals.team_id',
  'deals.name',
  'deals.company',
  'deals.stage',
  'deals.value',
  'deals.currency',
  'deals.next_step_date',
  'deals.next_step_purpose',
  'deals.scores_json',
  'deals.created_at',
  'deals.updated_at',
] as const;

/** The deals the viewer may see, most recently updated first. */
export async function listDeals(db: Kysely<Database>, viewer: Viewer): Promise<StoredDeal[]> {
  const rows = await db
    .selectFrom('deals')
    .innerJoin('users', 'users.id', 'deals.owner_id')
    .select(DEAL_COLUMNS)
    .where(dealVisibleTo(viewer))
    .orderBy('deals.updated_at', 'desc')
    .orderBy('deals.id', 'desc')
    .execute();
  const calls = await linkedCalls(
    db,
    viewer,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDeal(r, calls.get(r.id) ?? []));
}

/** A deal the viewer may see, or undefined (another team's deal looks like no deal). */
export async function getDeal(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<StoredDeal | undefined> {
  const row = await db
    .selectFrom('deals')
    .innerJoin('users', 'users.id', 'deals.owner_id')
    .select(DEAL_COLUMNS)
    .where('deals.id', '=', id)
    .where(dealVisibleTo(viewer))
    .executeTakeFirst();
  if (!row) return undefined;
  return toDeal(row, (await linkedCalls(db, viewer, [id])).get(id) ?? []);
}

type DealRow = {
  id: number;
  owner_id: number;
  owner_name: string;
  team_id: number | null;
  name: string;
  company: string;
  stage: string;
  value: number;
  currency: string | null;
  next_step_date: string | null;
  next_step_purpose: string | null;
  scores_json: string;
  created_at: string;
  updated_at: string;
};

function toDeal(r: DealRow, calls: LinkedCallSummary[]): StoredDeal {
  return {
    id: r.id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    teamId: r.team_id,
    name: r.name,
    company: r.company,
    stage: r.stage,
    value: r.value,
    currency: r.currency,
    nextStep:
      r.next_step_date && r.next_step_purpose
        ? { date: r.next_step_date, purpose: r.next_step_purpose }
        : null,
    scores: JSON.parse(r.scores_json) as DealScores,
    calls,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The linked calls of these deals that the viewer may see, per deal, oldest first. */
async function linkedCalls(
  db: Kysely<Database>,
  viewer: Viewer,
  dealIds: number[],
): Promise<Map<number, LinkedCallSummary[]>> {
  const out = new Map<number, LinkedCallSummary[]>();
  if (dealIds.length === 0) return out;
  const rows = await db
    .selectFrom('deal_calls')
    .innerJoin('calls', 'calls.id', 'deal_calls.call_id')
    .innerJoin('users', 'users.id', 'calls.rep_user_id')
    .select([
      'deal_calls.deal_id',
      'calls.id',
      'calls.title',
      'calls.call_date',
      'calls.score',
      'users.name as rep_name',
    ])
    .where('deal_calls.deal_id', 'in', dealIds)
    .where(visibleTo(viewer))
    .orderBy('calls.call_date')
    .orderBy('calls.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.deal_id) ?? [];
    list.push({
      id: r.id,
      title: r.title,
      callDate: r.call_date,
      repName: r.rep_name,
      score: r.score,
    });
    out.set(r.deal_id, list);
  }
  return out;
}

/** The stored analyses of a deal's linked calls the viewer may see, oldest first. */
export async function linkedAnalyses(
  db: Kysely<Database>,
  viewer: Viewer,
  dealId: number,
): Promise<{ id: number; title: string; analysis: Analysis; momentIdx: number[] }[]> {
  const rows = await db
    .selectFrom('deal_calls')
    .innerJoin('calls', 'calls.id', 'deal_calls.call_id')
    .select(['calls.id', 'calls.title', 'calls.analysis_json'])
    .where('deal_calls.deal_id', '=', dealId)
    .where(visibleTo(viewer))
    .orderBy('calls.call_date')
    .orderBy('calls.id')
    .execute();
  // the managers' corrections count in the review, as everywhere
  const corrections = await activeCorrectionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const { analysis, idx } = effectiveWithIdx(
      JSON.parse(r.analysis_json) as Analysis,
      corrections.get(r.id) ?? [],
    );
    return { id: r.id, title: r.title, analysis, momentIdx: idx };
  });
}

async function visibleDealId(db: Kysely<Database>, viewer: Viewer, id: number) {
  const row = await db
    .selectFrom('deals')
    .select('deals.id')
    .where('deals.id', '=', id)
    .where(dealVisibleTo(viewer))
    .executeTakeFirst();
  return row?.id;
}

/** Changes a visible deal's fields; false when the viewer cannot see it. */
export async function updateDeal(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  patch: Partial<DealFields> & { ownerId?: number },
): Promise<boolean> {
  if ((await visibleDealId(db, viewer, id)) === undefined) return false;
  // A new owner (the caller checks `canActFor`) brings the deal under their team.
  const owner =
    patch.ownerId === undefined
      ? {}
      : { owner_id: patch.ownerId, team_id: await ownerTeam(db, patch.ownerId) };
  await db
    .updateTable('deals')
    .set({ ...fieldColumns(patch), ...owner, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  return true;
}

/** Sets (or with `null` clears) the confirmed score of one criterion; false when not visible. */
export async function setDealScore(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  criterion: CriterionId,
  score: ManualScore | null,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('deals')
      .select('scores_json')
      .where('deals.id', '=', id)
      .where(dealVisibleTo(viewer))
      .executeTakeFirst();
    if (!row) return false;
    const scores = JSON.parse(row.scores_json) as DealScores;
    if (score) scores[criterion] = score;
    else delete scores[criterion];
    await trx
      .updateTable('deals')
      .set({ scores_json: JSON.stringify(scores), updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    return true;
  });
}

/** Deletes a visible deal and its links; false when not visible. */
export async function deleteDeal(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('deals')
      .select('deals.id')
      .where('deals.id', '=', id)
      .where(dealVisibleTo(viewer))
      .executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('deal_calls').where('deal_id', '=', id).execute();
    await trx.deleteFrom('deals').where('id', '=', id).execute();
    return true;
  });
}

/**
 * Links a call to a deal. Both must be visible to the viewer; says which one is missing.
 * Linking the same call twice is a no-op.
 */
export async function linkCall(
  db: Kysely<Database>,
  viewer: Viewer,
  dealId: number,
  callId: number,
): Promise<'ok' | 'no-deal' | 'no-call'> {
  if ((await visibleDealId(db, viewer, dealId)) === undefined) return 'no-deal';
  const call = await db
    .selectFrom('calls')
    .select('calls.id')
    .where('calls.id', '=', callId)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  if (!call) return 'no-call';
  await db
    .insertInto('deal_calls')
    .values({ deal_id: dealId, call_id: callId })
    .onConflict((oc) => oc.columns(['deal_id', 'call_id']).doNothing())
    .execute();
  await db.updateTable('deals').set({ updated_at: nowIso() }).where('id', '=', dealId).execute();
  return 'ok';
}

/** Unlinks a call from a visible deal; false when the deal is not visible or not linked. */
export async function unlinkCall(
  db: Kysely<Database>,
  viewer: Viewer,
  dealId: number,
  callId: number,
): Promise<boolean> {
  if ((await visibleDealId(db, viewer, dealId)) === undefined) return false;
  const r = await db
    .deleteFrom('deal_calls')
    .where('deal_id', '=', dealId)
    .where('call_id', '=', callId)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) return false;
  await db.updateTable('deals').set({ updated_at: nowIso() }).where('id', '=', dealId).execute();
  return true;
}
