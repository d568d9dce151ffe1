/**
 * From an uploaded file to a stored call: decode, analyse, decide whose call it is, refuse a
 * duplicate (the same transcript for the same rep), store. Used by the upload endpoint, the demo seed and the benchmark.
 */
import type { Kysely } from 'kysely';
import type { Analysis } from '../../core/types.js';
import { ApiError, MAX_UPLOAD_BYTES, MAX_UPLOAD_TEXT } from '../contract/errors.js';
import { findDuplicate, insertCall } from '../db/calls.js';
import { listUsers, type User } from '../db/people.js';
import type { Database } from '../db/schema.js';
import type { Viewer } from '../db/scope.js';
import { isoDate } from '../db/time.js';
import type { Analyzer } from './analyzer.js';
import { activeModel } from './models.js';

export interface UploadInput {
  filename: string;
  /** The file's bytes, or its text. */
  content: Uint8Array | string;
  repId?: number;
  date?: string;
  speakers?: string[];
  /** Speaker names (lower case) to the user who is the rep when that speaker is on the call. */
  repBySpeaker?: Record<string, number>;
  /** A queued job's analysis: not held to the uploader's limit of analyses at once. */
  background?: boolean;
}

export interface Uploaded {
  id: number;
  title: string;
  repUserId: number;
  analysis: Analysis;
}

/**
 * Refuses an upload over the limit (413) before it is sent to a worker; decoding (UTF-8,
 * UTF-16, Windows-1252, refusing binary) happens on the worker with the analysis.
 */
export function checkUploadSize(filename: string, content: Uint8Array | string): void {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (bytes > MAX_UPLOAD_BYTES) {
    throw new ApiError(
      413,
      'too-large',
      `${filename} is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${MAX_UPLOAD_TEXT} limit; a one-hour call is about 60 KB of text.`,
    );
  }
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The user the call belongs to: the one asked for (if the viewer may see them), else a visible
 * user whose name is a rep speaker in the call, else the viewer when they are a rep.
 */
function chooseRep(viewer: Viewer, users: User[], analysis: Analysis, repId?: number): User {
  if (repId !== undefined) {
    const u = users.find((x) => x.id === repId);
    if (!u) throw new ApiError(400, 'invalid', 'repId: no such user on your team.', 'repId');
    return u;
  }
  const bySpeaker = (role?: string) =>
    analysis.speakers
      .filter((s) => !role || s.role === role)
      .map((s) => users.find((u) => same(u.name, s.name)))
      .find((u) => u !== undefined);
  const found = bySpeaker('rep') ?? bySpeaker();
  if (found) return found;
  const self = users.find((u) => u.id === viewer.id);
  if (viewer.role === 'rep' && self) return self;
  throw new ApiError(
    400,
    'rep-unknown',
    `Could not tell which salesperson this call belongs to (speakers: ${analysis.speakers.map((s) => s.name).join(', ')}); choose a rep.`,
    'repId',
  );
}

/** An upload analysed and assigned to its rep, not yet stored. */
export interface Prepared {
  title: string;
  /** The decoded text: what is stored and hashed. */
  text: string;
  analysis: Analysis;
  rep: User;
  /** Which model read it: `shipped` or a retrained version. */
  modelVersion: string;
}

/**
 * Analyses (with `analyzer`: worker threads on the server) and assigns one upload, writing
 * nothing: an analysis that fails or runs over its budget leaves nothing behind.
 */
export async function prepareUpload(
  db: Kysely<Database>,
  viewer: Viewer,
  input: UploadInput,
  analyzer: Analyzer,
): Promise<Prepared> {
  const title = input.filename.split(/[\\/]/).pop() || input.filename;
  checkUploadSize(title, input.content);
  // A background job's analyses are not counted against the uploader's share of the workers.
  const by = input.background ? {} : { userId: viewer.id };
  const model = await activeModel(db);
  let { text, analysis, modelVersion } = await analyzer.analyze(
    { content: input.content, file: title, rep: input.speakers, model },
    by,
  );
  const users = await listUsers(db, viewer);
  const mapped = input.speakers ? undefined : mappedSpeaker(analysis, users, input.repBySpeaker);
  const rep = mapped?.user ?? chooseRep(viewer, users, analysis, input.repId);
  // When the rep's speaker is one the engine did not cast as the rep, tell it.
  const speaker = analysis.speakers.find((s) => same(s.name, mapped?.speaker ?? rep.name));
  if (!input.speakers && speaker && speaker.role !== 'rep') {
    ({ text, analysis, modelVersion } = await analyzer.analyze(
      { content: text, file: title, rep: [speaker.name], model },
      by,
    ));
  }
  return { title, text, analysis, rep, modelVersion };
}

/** The first speaker the rep map names, with their user (whom the viewer must be able to see). */
function mappedSpeaker(
  analysis: Analysis,
  users: User[],
  map: Record<string, number> | undefined,
): { speaker: string; user: User } | undefined {
  if (!map) return undefined;
  for (const s of analysis.speakers) {
    const id = map[s.name.trim().toLowerCase()];
    const user = id === undefined ? undefined : users.find((u) => u.id === id);
    if (user) return { speaker: s.name, user };
  }
  return undefined;
}

/** The same transcript already stored for the same rep (for another rep it is another call). */
export function duplicateError(title: string, rep: User, dup: { id: number; title: string }) {
  return new ApiError(
    409,
    'duplicate',
    `${title} was already uploaded as "${dup.title}" (call ${dup.id}) for ${rep.name}; it was not stored twice.`,
  );
}

/**
 * Analyses (with `analyzer`: worker threads on the server), assigns and stores one upload;
 * resolves after the commit. Nothing is written until the analysis is done, so an analysis that
 * fails or runs over its budget leaves nothing behind.
 */
export async function ingestUpload(
  db: Kysely<Database>,
  viewer: Viewer,
  input: UploadInput,
  analyzer: Analyzer,
): Promise<Uploaded> {
  const { title, text, analysis, rep, modelVersion } = await prepareUpload(
    db,
    viewer,
    input,
    analyzer,
  );
  const dup = await findDuplicate(db, text, rep.id);
  if (dup) throw duplicateError(title, rep, dup);
  const id = await insertCall(db, {
    title,
    ownerId: viewer.id,
    repUserId: rep.id,
    callDate: input.date ?? isoDate(new Date()),
    content: text,
    analysis,
    modelVersion,
  });
  return { id, title, repUserId: rep.id, analysis };
}
