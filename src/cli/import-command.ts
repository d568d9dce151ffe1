import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { isCalendarDate } from '../core/calendar.js';
import { WalkpointError } from '../core/errors.js';
import { DEFAULT_DB_PATH, openDb } from '../server/db/connect.js';
import { findUserRowByEmail } from '../server/db/people.js';
import {
  beginImport,
  type ImportProgress,
  importFailures,
  importProgress,
} from '../server/jobs/imports.js';
import { readRepMap } from '../server/jobs/rep-map.js';
import {
  openQueue,
  startAnalysisWorkers,
  testPauseFromEnv,
  timingFromEnv,
} from '../server/jobs/runtime.js';
import { openSource } from '../server/jobs/sources.js';
import type { Io } from './main.js';
import { onSignal } from './worker-command.js';

export interface ImportOptions {
  repMap?: string;
  owner?: string;
  date?: string;
  concurrency?: number;
  db?: string;
  /** How often progress is read from the database (tests make it short). */
  pollMs?: number;
}

/** Failed files listed in the summary; the rest are counted. */
const LISTED_FAILURES = 50;

/**
 * `walkpoint import DIR|ZIP`: every transcript in the folder or zip becomes a job, analysed by
 * this process's workers (and any `walkpoint worker` on the same database). Re-running the same
 * command resumes: what is done stays done, failed files are tried again. Prints a summary of
 * what failed and why; exit code 2 when some file failed.
 */
export async function importCommand(source: string, opts: ImportOptions, io: Io): Promise<number> {
  if (opts.date !== undefined && !isCalendarDate(opts.date)) {
    throw new WalkpointError('bad-date', `--date ${opts.date}: use a real date like 2026-03-31`);
  }
  const src = openSource(source);
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB ?? DEFAULT_DB_PATH);
  const concurrency = opts.concurrency ?? availableParallelism();
  let workers: ReturnType<typeof startAnalysisWorkers> | undefined;
  const queue = openQueue(db.db, timingFromEnv());
  try {
    const owner = await importOwner(db.db, opts.owner);
    const repMap = opts.repMap ? await readRepMap(db.db, opts.repMap) : undefined;
    const began = await beginImport(db.db, queue, {
      source: src,
      label: source,
      ownerId: owner,
      repMap,
      date: opts.date,
    });
    io.out.write(
      began.resumed
        ? `Resuming the import of ${source} (${src.names.length} files; ${began.queued} queued now).\n`
        : `Importing ${src.names.length} files from ${source}.\n`,
    );
    if (concurrency > 0) {
      workers = startAnalysisWorkers(db.db, queue, { concurrency, pauseMs: testPauseFromEnv() });
    } else {
      io.out.write('Waiting for `walkpoint worker` processes to analyse them.\n');
    }
    const interrupted = onSignal();
    const bar = progressBar(src.names.length, io);
    let progress = (await importProgress(db.db, began.id)) as ImportProgress;
    let signal: string | undefined;
    interrupted.signalled.then((s) => {
      signal = s;
    });
    while (!progress.finished && !signal) {
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
      progress = (await importProgress(db.db, began.id)) as ImportProgress;
      bar.update(progress);
    }
    bar.stop();
    interrupted.dispose();
    await workers?.stop();
    workers = undefined;
    if (signal) {
      io.err.write(
        `walkpoint: ${signal}: import stopped with ${progress.queued + progress.running} files left; run the same command again to resume.\n`,
      );
      return 130;
    }
    const failures = await importFailures(db.db, began.id, LISTED_FAILURES);
    io.out.write(
      `Imported ${source}: ${progress.total} files, ${progress.stored} stored, ${progress.existing} already stored, ${progress.failed} failed.\n`,
    );
    for (const f of failures) io.err.write(`walkpoint: ${prefixed(f.file, f.reason)}\n`);
    if (progress.failed > failures.length) {
      io.err.write(
        `walkpoint: and ${progress.failed - failures.length} more failed files (GET /api/v1/imports/${began.id} lists them).\n`,
      );
    }
    if (progress.failed > 0) {
      io.err.write(
        'Fix or remove the failed files and run the same command again to retry them.\n',
      );
    }
    return progress.failed > 0 ? 2 : 0;
  } finally {
    await workers?.stop();
    await queue.close();
    await db.close();
  }
}

/** A reason names its file once, by its path in the import (the engine names it bare). */
function prefixed(file: string, reason: string): string {
  if (reason.startsWith(file)) return reason;
  const bare = `${file.split('/').pop()}: `;
  return `${file}: ${reason.startsWith(bare) ? reason.slice(bare.length) : reason}`;
}

async function importOwner(db: Parameters<typeof findUserRowByEmail>[0], email?: string) {
  if (email) {
    const row = await findUserRowByEmail(db, email);
    if (!row) {
      throw new WalkpointError('no-such-user', `--owner ${email}: no user has this email`);
    }
    return row.id;
  }
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('deleted_at', 'is', null)
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!admin) {
    throw new WalkpointError(
      'no-admin',
      'the database has no admin to import as; create one with `walkpoint user add --email ...` or name a user with --owner',
    );
  }
  return admin.id;
}

/** A bar on a terminal (stderr); elsewhere nothing until the summary. */
function progressBar(total: number, io: Io) {
  if (io.err.isTTY !== true) return { update(_p: ImportProgress) {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.err as NodeJS.WritableStream,
      format:
        'importing [{bar}] {value}/{total} files | {failed} failed | {rate} calls/s | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { failed: 0, rate: '0.0' });
  return {
    update(p: ImportProgress) {
      const done = p.stored + p.existing + p.failed;
      const rate = (
        (p.stored + p.existing) /
        Math.max(0.001, (Date.now() - started) / 1000)
      ).toFixed(1);
      bar.update(done, { failed: p.failed, rate });
    },
    stop: () => bar.stop(),
  };
}
