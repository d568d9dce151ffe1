/**
 * Who sees what: a rep their own, a manager those of every rep in the teams they belong to (and
 * their own), an admin everything. Every query over calls, deals or practice adds `visibleTo`.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { UserRole } from './schema.js';

/** The signed-in user, as far as access decisions go. */
export interface Viewer {
  id: number;
  role: UserRole;
}

/**
 * A `where` condition: the row belongs to a user the viewer may see. `owner` is the column
 * holding that user (`calls.rep_user_id` by default; `deals.owner_id`, `practice_sessions.user_id`
 * and the like elsewhere). Plain standard SQL (no dialect functions), so it runs on SQLite and
 * PostgreSQL alike.
 */
export function visibleTo(viewer: Viewer, owner = 'calls.rep_user_id'): RawBuilder<SqlBool> {
  const col = sql.ref(owner);
  if (viewer.role === 'admin') return sql<SqlBool>`1 = 1`;
  if (viewer.role === 'rep') return sql<SqlBool>`${col} = ${viewer.id}`;
  // One `in` over the viewer and their teams' members, not `= me or in (...)`: an `or` makes
  // PostgreSQL filter every row of the index, the `in` lets it range-scan the index per rep.
  return sql<SqlBool>`${col} in (
    select ${viewer.id}
    union
    select theirs.user_id from memberships mine
    join memberships theirs on theirs.team_id = mine.team_id
    where mine.user_id = ${viewer.id})`;
}
