/**
 * Practice sessions and assignments. Access follows the trainee like calls follow the rep: a rep
 * sees their own, a manager those of the people in their teams (and their own), an admin all.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { type Viewer, visibleTo } from './scope.js';
import { isoDate, nowIso } from './time.js';

/**
 * A `where` condition: the user id in `column` is one the viewer may see. The same rule as
 * `visibleTo` in scope.ts, which is fixed to `calls.rep_user_id`.
 */
/** The practice rows of users the viewer may see. */
export const userVisibleTo = visibleTo;

/** True when the viewer may see (and so assign to) user `id`. */
export async function canSeeUser(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('users.id', '=', id)
    .where('users.deleted_at', 'is', null)
    .where(userVisibleTo(viewer, 'users.id'))
    .executeTakeFirst();
  return row !== undefined;
}

export interface PracticeSessionSummary {
  id: number;
  userId: number;
  repName: string;
  scenario: string;
  seed: number;
  assignmentId: number | null;
  replies: number;
  outcome: string | null;
  score: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface PracticeSessionRecord extends PracticeSessionSummary {
  /** The simulator's session, as stored. */
  state: unknown;
}

const sessionColumns = [
  'practice_sessions.id',
  'practice_sessions.user_id',
  'practice_sessions.scenario',
  'practice_sessions.seed',
  'practice_sessions.assignment_id',
  'practice_sessions.replies',
  'practice_sessions.outcome',
  'practice_sessions.score',
  'practice_sessions.started_at',
  'practice_sessions.finished_at',
  'users.name as rep_name',
] as const;

interface SummaryRow {
  id: number;
  user_id: number;
  rep_name: string;
  scenario: string;
  seed: number;
  assignment_id: number | null;
  replies: number;
  outcome: string | null;
  score: number | null;
  started_at: string;
  finished_at: string | null;
}

function toSummary(r: SummaryRow): PracticeSessionSummary {
  return {
    id: r.id,
    userId: r.user_id,
    repName: r.rep_name,
    scenario: r.scenario,
    seed: r.seed,
    assignmentId: r.assignment_id,
    replies: r.replies,
    outcome: r.outcome,
    score: r.score,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export interface NewPracticeSession {
  userId: number;
  scenario: string;
  seed: number;
  assignmentId?: number;
  state: unknown;
}

export async function createPracticeSession(
  db: Kysely<Database>,
  input: NewPracticeSession,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('practice_sessions')
    .values({
      user_id: input.userId,
      scenario: input.scenario,
      seed: input.seed,
      assignment_id: input.assignmentId ?? null,
      state_json: JSON.stringify(input.state),
      replies: 0,
      outcome: null,
      score: null,
      started_at: now,
      updated_at: now,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A session the viewer may see, with its state; undefined otherwise. */
export async function getPracticeSession(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<PracticeSessionRecord | undefined> {
  const row = await db
    .selectFrom('practice_sessions')
    .innerJoin('users', 'users.id', 'practice_sessions.user_id')
    .select([...sessionColumns, 'practice_sessions.state_json'])
    .where('practice_sessions.id', '=', id)
    .where(userVisibleTo(viewer, 'practice_sessions.user_id'))
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toSummary(row), state: JSON.parse(row.state_json) };
}

export interface SavedReply {
  /** The reply count the new state was computed from: a concurrent reply makes the save fail. */
  replies: number;
  state: unknown;
  outcome: string | null;
  score: number | null;
}

/**
 * Stores the state after a reply; when the call ended, records the result and completes the
 * session's assignment (the first finished session completes it). False when another reply got
 * there first.
 */
export async function saveReply(
  db: Kysely<Database>,
  id: number,
  saved: SavedReply,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const res = await trx
      .updateTable('practice_sessions')
      .set({
        state_json: JSON.stringify(saved.state),
        replies: saved.replies + 1,
        outcome: saved.outcome,
        score: saved.score,
        updated_at: now,
        finished_at: saved.outcome ? now : null,
      })
      .where('id', '=', id)
      .where('replies', '=', saved.replies)
      .where('outcome', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    if (saved.outcome) {
      const session = await trx
        .selectFrom('practice_sessions')
        .select('assignment_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (session.assignment_id !== null) {
        await trx
          .updateTable('practice_assignments')
          .set({ session_id: id })
          .where('id', '=', session.assignment_id)
          .where('session_id', 'is', null)
          .execute();
      }
    }
    return true;
  });
}

export interface PracticeSessionFilter {
  /** `me` (default): the viewer's own; `team`: every session the viewer may see. */
  who?: 'me' | 'team';
  /** Only these trainees (among those the viewer may see); implies `team`. */
  rep?: number[];
  scenario?: string;
  finished?: boolean;
  limit?: number;
}

/** Sessions, newest first. */
export async function listPracticeSessions(
  db: Kysely<Database>,
  viewer: Viewer,
  filter: PracticeSessionFilter = {},
): Promise<PracticeSessionSummary[]> {
  let q = db
    .selectFrom('practice_sessions')
    .innerJoin('users', 'users.id', 'practice_sessions.user_id')
    .select(sessionColumns)
    .orderBy('practice_sessions.started_at', 'desc')
    .orderBy('practice_sessions.id', 'desc')
    .limit(filter.limit ?? 50);
  if (filter.who === 'team' || filter.rep) {
    q = q.where(userVisibleTo(viewer, 'practice_sessions.user_id'));
  } else {
    q = q.where('practice_sessions.user_id', '=', viewer.id);
  }
  if (filter.rep) q = q.where('practice_sessions.user_id', 'in', filter.rep);
  if (filter.scenario) q = q.where('practice_sessions.scenario', '=', filter.scenario);
  if (filter.finished !== undefined) {
    q = q.where('practice_sessions.outcome', filter.finished ? 'is not' : 'is', null);
  }
  return (await q.execute()).map(toSummary);
}

export const ASSIGNMENT_STATUSES = ['open', 'started', 'done', 'overdue'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface PracticeAssignment {
  id: number;
  scenario: string;
  userId: number;
  repName: string;
  assignedBy: number;
  assignedByName: string;
  dueDate: string | null;
  createdAt: string;
  status: AssignmentStatus;
  /** The session that completed it, with its result. */
  sessionId: number | null;
  outcome: string | null;
  score: number | null;
  finishedAt: string | null;
  /** An unfinished session started for it, to resume. */
  activeSessionId: number | null;
}

function assignmentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('practice_assignments as a')
    .innerJoin('users as rep', 'rep.id', 'a.user_id')
    .innerJoin('users as boss', 'boss.id', 'a.assigned_by')
    .leftJoin('practice_sessions as done', 'done.id', 'a.session_id')
    .select((eb) => [
      'a.id',
      'a.scenario',
      'a.user_id',
      'rep.name as rep_name',
      'a.assigned_by',
      'boss.name as boss_name',
      'a.due_date',
      'a.created_at',
      'a.session_id',
      'done.outcome',
      'done.score',
      'done.finished_at',
      eb
        .selectFrom('practice_sessions as s')
        .select((inner) => inner.fn.max('s.id').as('n'))
        .whereRef('s.assignment_id', '=', 'a.id')
        .where('s.outcome', 'is', null)
        .as('active_id'),
    ]);
}

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['executeTakeFirst']>>;

function toAssignment(r: NonNullable<AssignmentRow>, today: string): PracticeAssignment {
  const active = r.active_id === null ? null : Number(r.active_id);
  const status: AssignmentStatus =
    r.session_id !== null
      ? 'done'
      : active !== null
        ? 'started'
        : r.due_date !== null && r.due_date < today
          ? 'overdue'
          : 'open';
  return {
    id: r.id,
    scenario: r.scenario,
    userId: r.user_id,
    repName: r.rep_name,
    assignedBy: r.assigned_by,
    assignedByName: r.boss_name,
    dueDate: r.due_date,
    createdAt: r.created_at,
    status,
    sessionId: r.session_id,
    outcome: r.outcome ?? null,
    score: r.score ?? null,
    finishedAt: r.finished_at ?? null,
    activeSessionId: active,
  };
}

export async function createAssignment(
  db: Kysely<Database>,
  input: { scenario: string; userId: number; assignedBy: number; dueDate?: string },
): Promise<number> {
  const row = await db
    .insertInto('practice_assignments')
    .values({
      scenario: input.scenario,
      user_id: input.userId,
      assigned_by: input.assignedBy,
      due_date: input.dueDate ?? null,
      created_at: nowIso(),
      session_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An assignment the viewer may see (theirs, or one for someone in their teams). */
export async function getAssignment(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<PracticeAssignment | undefined> {
  const row = await assignmentQuery(db)
    .where('a.id', '=', id)
    .where(userVisibleTo(viewer, 'a.user_id'))
    .executeTakeFirst();
  return row ? toAssignment(row, isoDate(new Date())) : undefined;
}

/** `me` (default): assigned to the viewer; `team`: every assignment the viewer may see. */
export async function listAssignments(
  db: Kysely<Database>,
  viewer: Viewer,
  who: 'me' | 'team' = 'me',
): Promise<PracticeAssignment[]> {
  let q = assignmentQuery(db).orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(200);
  q =
    who === 'team'
      ? q.where(userVisibleTo(viewer, 'a.user_id'))
      : q.where('a.user_id', '=', viewer.id);
  const today = isoDate(new Date());
  return (await q.execute()).map((r) => toAssignment(r, today));
}

/** Deletes an assignment the viewer may see; its sessions stay, unlinked. */
export async function deleteAssignment(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('practice_assignments')
      .select('id')
      .where('id', '=', id)
      .where(userVisibleTo(viewer, 'practice_assignments.user_id'))
      .executeTakeFirst();
    if (!row) return false;
    // Explicit, like deleteCall: PostgreSQL and SQLite agree without relying on pragma state.
    await trx
      .updateTable('practice_sessions')
      .set({ assignment_id: null })
      .where('assignment_id', '=', id)
      .execute();
    await trx.deleteFrom('practice_assignments').where('id', '=', id).execute();
    return true;
  });
}
