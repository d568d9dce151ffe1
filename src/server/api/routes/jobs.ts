/**
 * Background work: an upload answered at once with its job (POST /calls keeps answering with the
 * stored call), a zip of transcripts imported as one job per file, and the jobs and imports to
 * follow them by. Workers (in `npm start`, or `walkpoint worker`) do the analysing.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isWalkpointError } from '../../../core/errors.js';
import { ApiError, MAX_UPLOAD_TEXT, notFound } from '../../contract/errors.js';
import { listUsers } from '../../db/people.js';
import type { Database } from '../../db/schema.js';
import type { Viewer } from '../../db/scope.js';
import type { AnalyzePayload } from '../../jobs/analysis-jobs.js';
import { beginImport, importFailures, importProgress } from '../../jobs/imports.js';
import type { JobQueue } from '../../jobs/queue.js';
import { zipSource } from '../../jobs/sources.js';
import { listJobs } from '../../jobs/store.js';
import { checkUploadSize } from '../../services/ingest.js';
import type { Router } from '../route.js';
import {
  idParams,
  importBody,
  importSchema,
  jobListQuery,
  jobSchema,
  uploadBody,
  uploadForm,
} from '../schemas.js';

/** Failed files an import's status lists; the counts cover all of them. */
const LISTED_FAILURES = 200;

/** A rep asked for must be one the uploader may see, as the synchronous upload insists. */
async function checkRep(db: Kysely<Database>, viewer: Viewer, repId: number | undefined) {
  if (repId === undefined) return;
  const users = await listUsers(db, viewer);
  if (!users.some((u) => u.id === repId)) {
    throw new ApiError(400, 'invalid', 'repId: no such user on your team.', 'repId');
  }
}

async function importStatus(db: Kysely<Database>, viewer: Viewer, id: number) {
  const owner = await db
    .selectFrom('imports')
    .select('owner_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!owner || (viewer.role !== 'admin' && owner.owner_id !== viewer.id)) {
    throw notFound('import');
  }
  const progress = await importProgress(db, id);
  if (!progress) throw notFound('import');
  return { ...progress, failures: await importFailures(db, id, LISTED_FAILURES) };
}

export function jobRoutes(router: Router, opts: { queue: JobQueue }) {
  router.add({
    method: 'POST',
    path: '/uploads',
    tag: 'jobs',
    summary:
      'Upload a transcript and get its job at once; the call is analysed and stored in the background',
    description: `The same body as POST /calls (JSON, or multipart/form-data with a \`file\`; limit ${MAX_UPLOAD_TEXT}), answered 202 with the job before any analysis. Follow it with GET /jobs/{id}: once \`done\`, \`callId\` is the stored call; once \`failed\`, \`error\` says why (a file that is not a transcript, the same file already uploaded for this rep, a rep that cannot be told).`,
    access: 'user',
    body: uploadBody,
    bodyAlso: { 'multipart/form-data': uploadForm },
    status: 202,
    response: jobSchema,
    errors: [413, 415],
    async handler({ db, user, body }) {
      checkUploadSize(
        body.filename,
        body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : body.content,
      );
      await checkRep(db, user, body.repId);
      const payload: AnalyzePayload = {
        filename: body.filename,
        content: body.content,
        encoding: body.encoding,
        ...(body.repId ? { repId: body.repId } : {}),
        ...(body.date ? { date: body.date } : {}),
        ...(body.speakers ? { speakers: body.speakers } : {}),
      };
      const [id] = await opts.queue.enqueue([
        { kind: 'analyze', payload, ownerId: user.id, file: body.filename },
      ]);
      const [job] = await listJobs(db, user, { id });
      return job;
    },
  });

  router.add({
    method: 'GET',
    path: '/jobs',
    tag: 'jobs',
    summary: 'Your recent jobs, newest first (an admin sees everyone’s)',
    access: 'user',
    query: jobListQuery,
    response: z.object({ items: z.array(jobSchema) }),
    async handler({ db, user, query }) {
      return { items: await listJobs(db, user, query) };
    },
  });

  router.add({
    method: 'GET',
    path: '/jobs/:id',
    tag: 'jobs',
    summary: 'A job: its status, progress, and the call it stored or why it failed',
    access: 'user',
    params: idParams,
    response: jobSchema,
    errors: [404],
    async handler({ db, user, params }) {
      const [job] = await listJobs(db, user, { id: params.id });
      if (!job) throw notFound('job');
      return job;
    },
  });

  router.add({
    method: 'POST',
    path: '/imports',
    tag: 'jobs',
    summary: 'Import a .zip of transcripts: every transcript in it becomes a job',
    description: `JSON with the zip as base64, or multipart/form-data with a \`file\`; limit ${MAX_UPLOAD_TEXT} (a larger backlog: \`walkpoint import\`). Answered 202 with the import; follow it with GET /imports/{id}. The same zip sent again resumes its import (files already stored stay stored, failed ones are tried again), and the same transcript twice is one call.`,
    access: 'user',
    body: importBody,
    bodyAlso: { 'multipart/form-data': uploadForm },
    status: 202,
    response: importSchema,
    errors: [413, 415],
    async handler({ db, user, body }) {
      const bytes = Buffer.from(body.content, 'base64');
      checkUploadSize(body.filename, bytes);
      await checkRep(db, user, body.repId);
      const key = `upload:${user.id}:${createHash('sha256').update(bytes).digest('hex')}`;
      let source: ReturnType<typeof zipSource>;
      try {
        source = zipSource(bytes, key, body.filename);
      } catch (e) {
        if (!isWalkpointError(e)) throw e;
        throw new ApiError(400, e.code, e.message, 'file');
      }
      const began = await beginImport(db, opts.queue, {
        source,
        label: body.filename,
        ownerId: user.id,
        repId: body.repId,
        date: body.date,
      });
      return importStatus(db, user, began.id);
    },
  });

  router.add({
    method: 'GET',
    path: '/imports/:id',
    tag: 'jobs',
    summary:
      'An import: how many files are stored, already stored, waiting or failed, and why each failed',
    access: 'user',
    params: idParams,
    response: importSchema,
    errors: [404],
    async handler({ db, user, params }) {
      return importStatus(db, user, params.id);
    },
  });
}
