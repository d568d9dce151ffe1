/**
 * Import throughput: the same N synthetic transcripts imported into a fresh database with one
 * analysis worker, then with two, in the same run; prints calls/s for each and the ratio (the
 * target on a two-core machine: two workers at least 1.7x one). The import is the real one
 * (a folder, a rep map, one job per file through the queue), timed from when the workers are
 * warm until every file is stored.
 *
 *   npm run bench:import [-- --calls 150 --postgres URL]
 *
 * `npm run bench:scale` runs it too, on its PostgreSQL.
 *
 * SQLite by default (a file in a temp folder); with --postgres (or WALKPOINT_TEST_PG) a fresh
 * database on that server, dropped afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Db, openDb } from '../src/server/db/connect.js';
import { createUser } from '../src/server/db/people.js';
import { beginImport, importFailures, importProgress } from '../src/server/jobs/imports.js';
import { readRepMap } from '../src/server/jobs/rep-map.js';
import { openQueue, startAnalysisWorkers } from '../src/server/jobs/runtime.js';
import { openSource } from '../src/server/jobs/sources.js';
import { analyzerOptionsFromEnv, workerAnalyzer } from '../src/server/services/analyzer.js';
import { freshPostgresDatabase } from '../src/server/testing.js';
import { generateCorpus } from './corpus.js';

const REPS = ['Dana Reyes', 'Chris Park', 'Priya Shah', 'Tom Becker'];

export interface ImportRun {
  workers: number;
  calls: number;
  seconds: number;
  callsPerSecond: number;
}

async function freshDb(dir: string, workers: number, pgServer?: string): Promise<Db> {
  if (!pgServer) return openDb(join(dir, `import-${workers}.db`));
  const { url, drop } = await freshPostgresDatabase(pgServer, 'walkpoint_bench_import');
  const db = await openDb(url);
  return {
    ...db,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** Imports `folder` with `workers` workers into a fresh database; the time until all are stored. */
async function importWith(
  dir: string,
  folder: string,
  repMap: string,
  workers: number,
  pgServer?: string,
): Promise<ImportRun> {
  const db = await freshDb(dir, workers, pgServer);
  const queue = openQueue(db.db);
  // A generous time budget: this measures throughput, and a loaded machine must not turn slow
  // analyses into failures that make the two runs unequal.
  const options = analyzerOptionsFromEnv();
  const analyzer = workerAnalyzer({
    ...options,
    budget: { floorMs: 30_000, ...options.budget },
    workers,
    maxQueue: workers,
  });
  try {
    const admin = await createUser(db.db, {
      email: 'admin@bench.io',
      name: 'Bench Admin',
      role: 'admin',
      passwordHash: null,
      teamIds: [],
    });
    for (let i = 0; i < REPS.length; i++) {
      await createUser(db.db, {
        email: `rep${i}@bench.io`,
        name: `Rep ${i}`,
        role: 'rep',
        passwordHash: null,
        teamIds: [],
      });
    }
    const source = openSource(folder);
    const began = await beginImport(db.db, queue, {
      source,
      label: folder,
      ownerId: admin.id,
      repMap: await readRepMap(db.db, repMap),
    });
    // Every thread loads the engine before the clock starts.
    await Promise.all(
      Array.from({ length: workers }, () =>
        analyzer.analyze({ content: 'A: Hello there.\nB: Too expensive.\n', file: 'warm.txt' }),
      ),
    );
    const started = performance.now();
    const running = startAnalysisWorkers(db.db, queue, { concurrency: workers, analyzer });
    let p = await importProgress(db.db, began.id);
    while (p && !p.finished) {
      await new Promise((r) => setTimeout(r, 20));
      p = await importProgress(db.db, began.id);
    }
    const seconds = (performance.now() - started) / 1000;
    await running.stop();
    if (!p || p.stored !== source.names.length) {
      const [first] = await importFailures(db.db, began.id, 1);
      throw new Error(
        `the import stored ${p?.stored} of ${source.names.length} calls (${p?.failed} failed${first ? `; ${first.reason}` : ''})`,
      );
    }
    return { workers, calls: p.stored, seconds, callsPerSecond: p.stored / seconds };
  } finally {
    await analyzer.close();
    await queue.close();
    await db.close();
  }
}

/** Both runs, the same transcripts; used by `npm run bench:scale` and on its own. */
export async function importThroughput(
  calls: number,
  pgServer?: string,
): Promise<{ one: ImportRun; two: ImportRun; ratio: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-bench-import-'));
  try {
    const folder = join(dir, 'calls');
    mkdirSync(folder);
    for (const c of generateCorpus(7, calls)) writeFileSync(join(folder, c.name), c.text);
    const repMap = join(dir, 'people.csv');
    writeFileSync(
      repMap,
      `speaker,email\n${REPS.map((name, i) => `${name},rep${i}@bench.io`).join('\n')}\n`,
    );
    const one = await importWith(dir, folder, repMap, 1, pgServer);
    const two = await importWith(dir, folder, repMap, 2, pgServer);
    return { one, two, ratio: two.callsPerSecond / one.callsPerSecond };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const entry = process.argv[1] ?? '';
if (entry.endsWith('scale-import.ts') || entry.endsWith('scale-import.js')) {
  const { values } = parseArgs({
    options: { calls: { type: 'string', default: '150' }, postgres: { type: 'string' } },
  });
  const pgServer = values.postgres ?? process.env.WALKPOINT_TEST_PG;
  const r = await importThroughput(Number(values.calls), pgServer);
  const line = (run: ImportRun) =>
    `  ${run.workers} worker${run.workers === 1 ? ' ' : 's'}: ${run.calls} calls in ${run.seconds.toFixed(1)} s, ${run.callsPerSecond.toFixed(1)} calls/s`;
  console.log(
    `Import throughput (${pgServer ? 'PostgreSQL' : 'SQLite'}, ${r.one.calls} transcripts of 4-40 KB):`,
  );
  console.log(line(r.one));
  console.log(line(r.two));
  console.log(`  2 workers / 1 worker: ${r.ratio.toFixed(2)}x (target 1.7x)`);
}
