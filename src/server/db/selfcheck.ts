/** Self-checks kept per user, and the user's own calls to set them beside. */
import type { Kysely } from 'kysely';
import type { Analysis } from '../../core/types.js';
import type { Answer, SelfCheckResult } from '../../selfcheck/index.js';
import type { Database } from './schema.js';
import { nowIso } from './time.js';

export interface StoredSelfCheck {
  id: number;
  userId: number;
  takenAt: string;
  answers: Answer[];
  result: SelfCheckResult;
}

function toEntry(r: {
  id: number;
  user_id: number;
  taken_at: string;
  answers_json: string;
  result_json: string;
}): StoredSelfCheck {
  return {
    id: r.id,
    userId: r.user_id,
    takenAt: r.taken_at,
    answers: JSON.parse(r.answers_json) as Answer[],
    result: JSON.parse(r.result_json) as SelfCheckResult,
  };
}

/** Keeps one scored self-check for the user. */
export async function saveSelfCheck(
  db: Kysely<Database>,
  userId: number,
  answers: Answer[],
  result: SelfCheckResult,
): Promise<StoredSelfCheck> {
  const row = await db
    .insertInto('selfchecks')
    .values({
      user_id: userId,
      answers_json: JSON.stringify(answers),
      result_json: JSON.stringify(result),
      taken_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEntry(row);
}

/** The user's self-checks, oldest first (a history is read forwards). */
export async function listSelfChecks(
  db: Kysely<Database>,
  userId: number,
): Promise<StoredSelfCheck[]> {
  const rows = await db
    .selectFrom('selfchecks')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('taken_at')
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

/** The user's most recent self-check, if any. */
export async function latestSelfCheck(
  db: Kysely<Database>,
  userId: number,
): Promise<StoredSelfCheck | undefined> {
  const row = await db
    .selectFrom('selfchecks')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('taken_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

/** The analyses of the calls that are the user's own (as the rep), from a date on. */
export async function ownCallAnalyses(
  db: Kysely<Database>,
  userId: number,
  from?: string,
): Promise<Analysis[]> {
  let q = db
    .selectFrom('calls')
    .select('analysis_json')
    .where('rep_user_id', '=', userId)
    .orderBy('call_date');
  if (from) q = q.where('call_date', '>=', from);
  const rows = await q.execute();
  return rows.map((r) => JSON.parse(r.analysis_json) as Analysis);
}
