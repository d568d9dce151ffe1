/**
 * The HTTP server: the API under /api/v1 (declared in api/routes), the OpenAPI document, and
 * the web app's static files. `buildApp` does not listen, so tests can `inject` into it.
 */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { openApiDocument } from './api/openapi.js';
import { API_PREFIX, Router } from './api/route.js';
import { analyzeRoutes } from './api/routes/analyze.js';
import { authRoutes } from './api/routes/auth.js';
import { callRoutes } from './api/routes/calls.js';
import { correctionRoutes } from './api/routes/corrections.js';
import { dealRoutes } from './api/routes/deals.js';
import { jobRoutes } from './api/routes/jobs.js';
import { liveRoutes, MAX_LIVE_MESSAGE_BYTES } from './api/routes/live.js';
import { modelRoutes } from './api/routes/models.js';
import { momentRoutes } from './api/routes/moments.js';
import { peopleRoutes } from './api/routes/people.js';
import { practiceRoutes } from './api/routes/practice.js';
import { selfCheckRoutes } from './api/routes/selfcheck.js';
import { statsRoutes } from './api/routes/stats.js';
import { authenticate } from './auth/authenticate.js';
import { createThrottle, type Throttle } from './auth/throttle.js';
import { ApiError, MAX_UPLOAD_BYTES, sendError } from './contract/errors.js';
import type { Database } from './db/schema.js';
import type { JobQueue } from './jobs/queue.js';
import { openQueue } from './jobs/runtime.js';
import { type Analyzer, analyzerOptionsFromEnv, workerAnalyzer } from './services/analyzer.js';
import { registerStatic } from './static.js';

export interface AppOptions {
  db: Kysely<Database>;
  /** The built web app; default web/dist. `false` serves the API only. */
  webRoot?: string | false;
  /** Fastify's logger (pino); where 500s are logged. Off unless given. */
  logger?: FastifyServerOptions['logger'];
  throttle?: Throttle;
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies?: boolean;
  /** Behind a reverse proxy: the proxies (addresses/CIDRs) to believe about the client's IP. */
  trustProxy?: boolean | string;
  /**
   * Runs every analysis; default worker threads with the budget from WALKPOINT_ANALYSIS_*.
   * The app closes it when it closes.
   */
  analyzer?: Analyzer;
  /** Where background jobs (asynchronous uploads, imports) go; default the `jobs` table. */
  queue?: JobQueue;
  /**
   * Check every response against its route's documented schema, and answer 500 naming the
   * field when one does not match (the API tests run with this on; see route.ts).
   */
  checkResponses?: boolean;
}

/** Base64 grows data by 4/3; leave room for the JSON around it. */
const BODY_LIMIT = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024;

/** All API routes, declared once (also the source of the OpenAPI document). */
export function apiRouter(
  throttle: Throttle,
  secureCookies: boolean,
  analyzer: Analyzer,
  queue: JobQueue,
  onRetrained?: (run: Promise<void>) => void,
): Router {
  const router = new Router();
  authRoutes(router, { throttle, secureCookies });
  callRoutes(router, { analyzer });
  jobRoutes(router, { queue });
  momentRoutes(router);
  correctionRoutes(router);
  modelRoutes(router, { onRetrained });
  statsRoutes(router);
  analyzeRoutes(router, { analyzer });
  peopleRoutes(router);
  dealRoutes(router);
  selfCheckRoutes(router);
  practiceRoutes(router, { analyzer });
  return router;
}

/** A multipart upload becomes the same object a JSON upload sends (file bytes as base64). */
async function formToUpload(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Request('http://local/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  }).formData();
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    throw new ApiError(400, 'invalid', 'file: attach the transcript as the "file" field', 'file');
  }
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const speakers = text('speakers')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    filename: file.name || 'transcript.txt',
    content: Buffer.from(await file.arrayBuffer()).toString('base64'),
    encoding: 'base64',
    ...(text('repId') ? { repId: text('repId') } : {}),
    ...(text('date') ? { date: text('date') } : {}),
    ...(speakers?.length ? { speakers } : {}),
  };
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
    // A URL that cannot be decoded (`/calls/%E0%A4%A`) gets the documented error body too.
    frameworkErrors: (error, req, reply) => sendError(reply, error, req),
  });
  const throttle = opts.throttle ?? createThrottle();
  const analyzer = opts.analyzer ?? workerAnalyzer(analyzerOptionsFromEnv());
  // Workers load the engine while the server starts listening, not on the first upload.
  app.addHook('onListen', () => analyzer.warm());
  app.addHook('onClose', () => analyzer.close());
  const queue = opts.queue ?? openQueue(opts.db);
  // A queue made here is closed here; one passed in belongs to the caller (serve closes it).
  if (!opts.queue) app.addHook('onClose', () => queue.close());
  // a retraining in progress finishes (and records its outcome) before the app lets go of the db
  const retraining = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.all(retraining);
  });
  const router = apiRouter(throttle, opts.secureCookies ?? false, analyzer, queue, (run) => {
    retraining.add(run);
    void run.finally(() => retraining.delete(run));
  });
  const openapi = openApiDocument(router.routes);

  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    formToUpload(body as Buffer, String(req.headers['content-type'])).then(
      (v) => done(null, v),
      (e) =>
        done(
          e instanceof ApiError
            ? e
            : new ApiError(400, 'invalid', 'file: the form upload could not be read', 'file'),
        ),
    );
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!req.url.startsWith(`${API_PREFIX}/`)) return;
    reply.header('cache-control', 'no-store');
    // Signing in creates the session the CSRF token belongs to, so it cannot carry one.
    if (req.url.startsWith(`${API_PREFIX}/auth/login`)) return;
    await authenticate(opts.db, req);
  });

  app.setErrorHandler((error, req, reply) => sendError(reply, error, req));
  app.setNotFoundHandler((req, reply) =>
    sendError(
      reply,
      new ApiError(404, 'not-found', `No such endpoint: ${req.method} ${req.url.split('?')[0]}`),
      req,
    ),
  );

  app.get(`${API_PREFIX}/openapi.json`, async () => openapi);
  app.get(`${API_PREFIX}/health`, async () => ({ ok: true }));
  router.register(app, opts.db, { checkResponses: opts.checkResponses ?? false });
  await app.register(websocket, { options: { maxPayload: MAX_LIVE_MESSAGE_BYTES } });
  // live calls over a WebSocket (docs/live.md): the same sign-in as the rest of the API
  await app.register(async (scope) => liveRoutes(scope, { db: opts.db }));
  if (opts.webRoot !== false) registerStatic(app, opts.webRoot);
  return app;
}
