/**
 * Moments the engine is unsure of (`needsReview`): kept on the row so that the coaching queue
 * can say "unsure: review" instead of a grade the engine does not believe. Rows stored before
 * this migration are believed (0), as their analysis carries no such flag.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('moments')
    .addColumn('needs_review', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
