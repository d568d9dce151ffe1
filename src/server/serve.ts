/**
 * Runs the server: opens (and migrates) the database, seeds a fresh one with the demo, listens,
 * and closes the database cleanly on SIGINT/SIGTERM. Used by `walkpoint serve` and `npm start`.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { createDbThrottle } from './auth/throttle.js';
import {
  type Db,
  DEFAULT_DB_PATH,
  openDb,
  SERVER_BUSY_TIMEOUT_MS,
  storageError,
} from './db/connect.js';
import { pruneSessions } from './db/credentials.js';
import {
  type AnalysisWorkers,
  openQueue,
  serverWorkersFromEnv,
  startAnalysisWorkers,
  timingFromEnv,
} from './jobs/runtime.js';
import { demoLoginLines, demoLogins, seedDemo } from './seed.js';
import {
  analyzerOptionsFromEnv,
  defaultAnalysisWorkers,
  workerAnalyzer,
} from './services/analyzer.js';

export interface ServeOptions {
  port?: number;
  host?: string;
  dbPath?: string;
  seed?: boolean;
  webRoot?: string | false;
  log?: (line: string) => void;
  /**
   * Behind a reverse proxy, the proxies (comma-separated addresses/CIDRs, or `true` for any) to
   * believe about the client's IP, which the sign-in throttle counts by. Default
   * `$WALKPOINT_TRUST_PROXY`, else none.
   */
  trustProxy?: boolean | string;
  /**
   * Background jobs this server runs at once (uploads answered at once, imports); 0 leaves them
   * to `walkpoint worker`s. Default `$WALKPOINT_WORKERS`, else the analysis threads.
   */
  workers?: number;
}

/** `WALKPOINT_TRUST_PROXY`: unset or `false` trusts no proxy, `true` any, else addresses/CIDRs. */
export function trustProxyFrom(value: string | undefined): boolean | string {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  return v === 'true' ? true : v;
}

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4173;

export async function serve(opts: ServeOptions = {}): Promise<Running> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const db = await openDb(opts.dbPath ?? process.env.WALKPOINT_DB ?? DEFAULT_DB_PATH, {
    busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS,
  });
  try {
    // Housekeeping: a full disk or another process' lock should not keep the server (and
    // reading) down, so a failed prune is reported and the server starts anyway.
    await pruneSessions(db.db).catch((e) =>
      log(
        `Could not remove expired sessions (${storageError(e, db.path).message}); starting anyway.`,
      ),
    );
    if (opts.seed !== false) {
      const seeded = await seedDemo(db.db);
      if (seeded.seeded) log(`Seeded a demo team with ${seeded.calls} example calls.`);
    }
    const logins = demoLoginLines(await demoLogins(db.db));
    const options = analyzerOptionsFromEnv();
    const analyzer = workerAnalyzer(options);
    const queue = openQueue(db.db, timingFromEnv());
    const app = await buildApp({
      db: db.db,
      analyzer,
      queue,
      webRoot: opts.webRoot,
      throttle: createDbThrottle(db.db),
      trustProxy: opts.trustProxy ?? trustProxyFrom(process.env.WALKPOINT_TRUST_PROXY),
      // JSON lines on stdout: warnings and errors (every 500, with its request id), not each request.
      logger: { level: process.env.WALKPOINT_LOG_LEVEL ?? 'warn' },
    });
    const port = opts.port ?? DEFAULT_PORT;
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port, host });
    const address = app.server.address();
    const realPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${realPort}`;
    // Jobs share the analysis threads with the requests: the server is one process either way.
    const concurrency =
      opts.workers ?? serverWorkersFromEnv() ?? options.workers ?? defaultAnalysisWorkers();
    const workers: AnalysisWorkers | undefined =
      concurrency > 0 ? startAnalysisWorkers(db.db, queue, { concurrency, analyzer }) : undefined;
    log(`Walkpoint is running at ${url}  (database: ${db.path})`);
    // Every demo login still able to sign in, each role, with the password.
    for (const line of logins) log(line);
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (workers?.stop() ?? Promise.resolve())
        .then(() => app.close())
        .then(() => queue.close())
        .then(() => db.close());
      return closing;
    };
    return { app, db, url, close };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** Closes the server and the database on SIGINT/SIGTERM, then exits. */
export function closeOnSignals(running: Running): void {
  const stop = (signal: string) => {
    console.log(`\n${signal}: closing the database and stopping.`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
