/** Moments by id, the reviewed mark, and coaching notes; all limited to visible calls. */
import type { Kysely } from 'kysely';
import type { Note } from '../contract/shapes.js';
import type { Database } from './schema.js';
import { type Viewer, visibleTo } from './scope.js';
import { nowIso } from './time.js';

export type { Note };

/** The call id of a moment the viewer may see, or undefined. */
export async function visibleMomentCall(
  db: Kysely<Database>,
  viewer: Viewer,
  momentId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('moments')
    .innerJoin('calls', 'calls.id', 'moments.call_id')
    .select('moments.call_id')
    .where('moments.id', '=', momentId)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  return row?.call_id;
}

/** Marks a visible moment reviewed (or not); false when the viewer cannot see it. */
export async function setReviewed(
  db: Kysely<Database>,
  viewer: Viewer,
  momentId: number,
  reviewed: boolean,
): Promise<boolean> {
  if ((await visibleMomentCall(db, viewer, momentId)) === undefined) return false;
  await db
    .updateTable('moments')
    .set({
      reviewed: reviewed ? 1 : 0,
      reviewed_by: reviewed ? viewer.id : null,
      reviewed_at: reviewed ? nowIso() : null,
    })
    .where('id', '=', momentId)
    .execute();
  return true;
}

/** Notes on a visible moment, oldest first; undefined when the viewer cannot see it. */
export async function listNotes(
  db: Kysely<Database>,
  viewer: Viewer,
  momentId: number,
): Promise<Note[] | undefined> {
  if ((await visibleMomentCall(db, viewer, momentId)) === undefined) return undefined;
  const rows = await db
    .selectFrom('notes')
    .innerJoin('users', 'users.id', 'notes.author_id')
    .select([
      'notes.id',
      'notes.moment_id',
      'notes.author_id',
      'users.name as author_name',
      'notes.body',
      'notes.created_at',
    ])
    .where('notes.moment_id', '=', momentId)
    .orderBy('notes.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    momentId: r.moment_id,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    createdAt: r.created_at,
  }));
}

/** Adds a note on a visible moment; undefined when the viewer cannot see it. */
export async function addNote(
  db: Kysely<Database>,
  viewer: Viewer,
  momentId: number,
  body: string,
): Promise<Note | undefined> {
  if ((await visibleMomentCall(db, viewer, momentId)) === undefined) return undefined;
  const row = await db
    .insertInto('notes')
    .values({ moment_id: momentId, author_id: viewer.id, body: body.trim(), created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
  const author = await db
    .selectFrom('users')
    .select('name')
    .where('id', '=', viewer.id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    momentId: row.moment_id,
    authorId: row.author_id,
    authorName: author.name,
    body: row.body,
    createdAt: row.created_at,
  };
}

/**
 * Edits (a body) or deletes (null) a note; only its author may. `missing` when the viewer
 * cannot see the note's call, `not-author` when they can but did not write it.
 */
export async function changeNote(
  db: Kysely<Database>,
  viewer: Viewer,
  noteId: number,
  body: string | null,
): Promise<Note | 'deleted' | 'missing' | 'not-author'> {
  const row = await db
    .selectFrom('notes')
    .innerJoin('moments', 'moments.id', 'notes.moment_id')
    .innerJoin('calls', 'calls.id', 'moments.call_id')
    .innerJoin('users', 'users.id', 'notes.author_id')
    .select(['notes.id', 'notes.moment_id', 'notes.author_id', 'notes.created_at', 'users.name'])
    .where('notes.id', '=', noteId)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  if (!row) return 'missing';
  if (row.author_id !== viewer.id) return 'not-author';
  if (body === null) {
    await db.deleteFrom('notes').where('id', '=', noteId).execute();
    return 'deleted';
  }
  const text = body.trim();
  await db.updateTable('notes').set({ body: text }).where('id', '=', noteId).execute();
  return {
    id: row.id,
    momentId: row.moment_id,
    authorId: row.author_id,
    authorName: row.name,
    body: text,
    createdAt: row.created_at,
  };
}
