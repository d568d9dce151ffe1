/**
 * An import's --rep-map: a CSV saying whose calls they are. Columns (a header row, any order,
 * case-insensitive): `email`, the rep's sign-in email (required), and `speaker`, a speaker name
 * as it appears in the transcripts, and/or `file`, a file name or its path inside the folder or
 * zip. Each row needs an email and a speaker or a file; other columns are ignored. A file row
 * decides that file's rep (its speaker, when given, is the rep's voice in it); a speaker row
 * makes that user the rep of every call the speaker is on.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { WalkpointError } from '../../core/errors.js';
import { readCsvRecords } from '../../parse/csv.js';
import { normalEmail } from '../db/people.js';
import type { Database } from '../db/schema.js';
import type { RepMap } from './analysis-jobs.js';

export async function readRepMap(db: Kysely<Database>, path: string): Promise<RepMap> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WalkpointError(
      'not-found',
      code === 'ENOENT' ? 'no such file; check the --rep-map path' : `cannot read it (${code})`,
      { file: path },
    );
  }
  const rows = readCsvRecords(text, path).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = rows.shift();
  const names = (header?.fields ?? []).map((f) => f.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  if (!header || col('email') < 0 || (col('speaker') < 0 && col('file') < 0)) {
    throw new WalkpointError(
      'bad-rep-map',
      'the first row must name the columns: email, and speaker or file (e.g. "speaker,email")',
      { file: path, line: header?.line ?? 1 },
    );
  }
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('deleted_at', 'is', null)
    .execute();
  const byEmail = new Map(users.map((u) => [u.email, u.id]));
  const map: RepMap = { files: {}, speakers: {} };
  for (const row of rows) {
    const cell = (name: string) => (col(name) < 0 ? '' : (row.fields[col(name)] ?? '').trim());
    const where = { file: path, line: row.line };
    const email = cell('email');
    const speaker = cell('speaker');
    const file = cell('file');
    if (!email) throw new WalkpointError('bad-rep-map', 'the email is empty', where);
    if (!speaker && !file) {
      throw new WalkpointError('bad-rep-map', 'give a speaker or a file for this email', where);
    }
    const userId = byEmail.get(normalEmail(email));
    if (userId === undefined) {
      throw new WalkpointError(
        'bad-rep-map',
        `no user has the email ${email}; add them first (walkpoint user add --role rep) or fix the row`,
        where,
      );
    }
    if (file) {
      map.files[file.toLowerCase()] = speaker ? { userId, speaker } : { userId };
    } else {
      const key = speaker.toLowerCase();
      const before = map.speakers[key];
      if (before !== undefined && before !== userId) {
        throw new WalkpointError(
          'bad-rep-map',
          `the speaker "${speaker}" is already mapped to another email on an earlier row; a speaker can be one rep only (map their files instead)`,
          where,
        );
      }
      map.speakers[key] = userId;
    }
  }
  return map;
}
