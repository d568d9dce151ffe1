/**
 * One error body everywhere: `{ "error": { "code", "message", "field"? } }`. Every failure
 * (validation, auth, engine, storage, Fastify's own) is turned into it here.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isWalkpointError } from '../../core/errors.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds, sent as Retry-After: the failure is temporary. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'A stable, machine-readable id, e.g. `not-found`' }),
      message: z.string().meta({ description: 'What went wrong and what to do, in plain words' }),
      field: z.string().optional().meta({ description: 'The request field at fault, if any' }),
    }),
  })
  .meta({ id: 'Error' });

export const notFound = (what = 'call') => new ApiError(404, 'not-found', `No such ${what}.`);

/** The upload limit, documented in the OpenAPI description and the web app. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_TEXT = '5 MB';

const CONFLICT_CODES = new Set(['email-taken', 'team-taken']);
/** Storage failures: the service cannot save right now (503), not the caller's fault. */
const STORAGE_CODES = new Set([
  'db-locked',
  'db-read-only',
  'db-not-a-database',
  'db-cannot-open',
  'disk-full',
  'db-unreachable',
]);

/** How long a client should wait before retrying a write the database lock refused. */
const LOCKED_RETRY_AFTER_S = 2;

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Seconds, for the Retry-After header. */
  retryAfter?: number;
}

/** Maps any thrown value to a status and body. Unknown errors are 500s without internals. */
export function toErrorResponse(e: unknown): ErrorResponse {
  const body = (code: string, message: string, field?: string): ErrorBody => ({
    error: field ? { code, message, field } : { code, message },
  });
  if (e instanceof ApiError) {
    const r = { status: e.status, body: body(e.code, e.message, e.field) };
    return e.retryAfter === undefined ? r : { ...r, retryAfter: e.retryAfter };
  }
  if (e instanceof z.ZodError) {
    const issue = e.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    return {
      status: 400,
      body: body(
        'invalid',
        field ? `${field}: ${issue.message}` : (issue?.message ?? 'Invalid request.'),
        field,
      ),
    };
  }
  if (isWalkpointError(e)) {
    if (STORAGE_CODES.has(e.code)) return { status: 503, body: body(e.code, e.message) };
    if (CONFLICT_CODES.has(e.code)) return { status: 409, body: body(e.code, e.message) };
    // The engine's words are already plain and name the file: "not a transcript", "empty", ...
    return { status: 422, body: body(e.code, e.message) };
  }
  const err = e as Partial<FastifyError> & { code?: string; message?: string };
  const code = String(err.code ?? '');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      body: body(
        'too-large',
        `The upload is larger than the ${MAX_UPLOAD_TEXT} limit. A one-hour call is about 60 KB of text; check that this is a transcript.`,
      ),
    };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      status: 415,
      body: body(
        'unsupported-media-type',
        'Send JSON (application/json) or a file upload (multipart/form-data).',
      ),
    };
  }
  if (
    code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    err.name === 'SyntaxError'
  ) {
    return { status: 400, body: body('invalid-json', 'The request body is not valid JSON.') };
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') {
    return {
      status: 409,
      body: body(
        'duplicate',
        'That already exists (the same transcript for the same rep, or the same name).',
      ),
    };
  }
  // PostgreSQL: lock_not_available (the lock wait ran out) and a deadlock victim.
  if (/SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03' || code === '40P01') {
    return {
      status: 503,
      body: body(
        'db-locked',
        `The database is locked by another process (a command such as \`walkpoint reanalyze\`, or a backup), so nothing could be saved; try again in ${LOCKED_RETRY_AFTER_S} seconds. Reading still works.`,
      ),
      retryAfter: LOCKED_RETRY_AFTER_S,
    };
  }
  if (/^SQLITE_FULL/.test(code) || code === 'ENOSPC' || code === '53100') {
    return {
      status: 503,
      body: body(
        'disk-full',
        "The server's disk is full, so nothing can be saved (signing in needs to save a session too); reading still works. Ask the administrator to free disk space.",
      ),
    };
  }
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect/.test(err.message ?? '')
  ) {
    return {
      status: 503,
      body: body(
        'db-unreachable',
        `The database server cannot be reached right now, so nothing could be read or saved; try again in ${LOCKED_RETRY_AFTER_S} seconds, and tell the administrator if it lasts.`,
      ),
      retryAfter: LOCKED_RETRY_AFTER_S,
    };
  }
  if (/SQLITE_READONLY/.test(code) || code === '25006') {
    return {
      status: 503,
      body: body(
        'db-read-only',
        'The database is read-only, so nothing can be saved; ask the administrator to make it writable.',
      ),
    };
  }
  if (code === 'FST_ERR_BAD_URL' || e instanceof URIError) {
    return {
      status: 400,
      body: body(
        'bad-url',
        'The URL is malformed (a broken %-escape); check the link, or encode the path with encodeURIComponent.',
      ),
    };
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, body: body('bad-request', err.message ?? 'Bad request.') };
  }
  return {
    status: 500,
    body: body('internal', 'Something went wrong on the server; the error was logged.'),
  };
}

/**
 * Sends the error body. A 500 is a bug: it is logged with the request id, and the message names
 * that id so whoever reports it can point at the log line.
 */
export function sendError(reply: FastifyReply, e: unknown, req?: FastifyRequest): FastifyReply {
  const { status, body, retryAfter } = toErrorResponse(e);
  if (status === 500 && req) {
    req.log.error({ err: e, url: req.url, method: req.method }, 'internal error');
    body.error.message = `Something went wrong on the server; the error was logged with request id ${req.id}.`;
  }
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply.code(status).type('application/json').send(body);
}
