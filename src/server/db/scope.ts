/**
 * Who sees which calls: a rep their own, a manager those of every rep in the teams they belong
 * to (and their own), an admin everything. Every query over `calls` adds `visibleTo(viewer)`.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { UserRole } from './schema.js';

/** The signed-in user, as far as access decisions go. */
export interface Viewer {
  id: number;
  role: UserRole;
}

/**
 * A `where` condition on a query that has `calls` in scope. Plain standard SQL (no dialect
 * functions), so it runs on SQLite and PostgreSQL alike.
 */
export function visibleTo(viewer: Viewer): RawBuilder<SqlBool> {
  if (viewer.role === 'admin') return sql<SqlBool>`1 = 1`;
  if (viewer.role === 'rep') return sql<SqlBool>`calls.rep_user_id = ${viewer.id}`;
  return sql<SqlBool>`(calls.rep_user_id = ${viewer.id} or calls.rep_user_id in (
    select theirs.user_id from memberships mine
    join memberships theirs on theirs.team_id = mine.team_id
    where mine.user_id = ${viewer.id}))`;
}
