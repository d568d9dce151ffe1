/**
 * `npm run bench:web`: the web app's storage and API against the product's targets, with
 * 10,000 stored calls (synthetic analyses inserted directly, in one transaction). Measures,
 * never asserts.
 *
 *   (a) the calls page query (a page of 20, with and without filters)   target < 100 ms
 *   (b) the team dashboard aggregates (stats + coaching queue)          target < 200 ms
 *   (c) an upload of a one-hour call, analysed and stored (committed)   target < 200 ms
 *       (analysed on a worker thread, as the server does)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import type { Analysis } from '../src/core/types.js';
import { RESPONSE_KINDS, TRIGGER_KINDS } from '../src/core/vocabulary.js';
import { analyze } from '../src/engine/analyze.js';
import { analysisColumns, contentHash, listCalls, SEVERITY } from '../src/server/db/calls.js';
import { openDb } from '../src/server/db/connect.js';
import type { CallsTable } from '../src/server/db/schema.js';
import { coachingQueue, teamStats } from '../src/server/db/stats.js';
import { daysAgo, nowIso, weekOf } from '../src/server/db/time.js';
import { workerAnalyzer } from '../src/server/services/analyzer.js';
import { ingestUpload } from '../src/server/services/ingest.js';
import { createCast, sampleCall } from '../src/server/testing.js';
import { oneHourCall, prng } from './corpus.js';

const TARGETS = { page: 100, dashboard: 200, upload: 200 };
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const CALLS = Number(args[args.indexOf('--calls') + 1]) || 10_000;
const CHUNK = 200;

async function median(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  await fn(); // warm-up: statement caches, page cache
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const dir = mkdtempSync(join(tmpdir(), 'walkpoint-web-bench-'));
const db = await openDb(join(dir, 'bench.db'));
try {
  const cast = await createCast(db);
  const reps = [cast.repA, cast.repA2, cast.repB];
  const template: Analysis = analyze(sampleCall(), { file: 'synthetic.txt', rep: ['Dana Reyes'] });
  const rng = prng(7);

  const t0 = performance.now();
  await db.db.transaction().execute(async (trx) => {
    for (let start = 0; start < CALLS; start += CHUNK) {
      const rows: Insertable<CallsTable>[] = [];
      for (let i = start; i < Math.min(CALLS, start + CHUNK); i++) {
        const date = daysAgo(Math.floor(rng() * 180));
        const content = `${sampleCall()}#${i}`;
        const score = Math.floor(rng() * 100);
        rows.push({
          title: `synthetic-${i}.txt`,
          owner_id: cast.admin.id,
          rep_user_id: reps[i % reps.length].id,
          call_date: date,
          call_week: weekOf(date),
          content,
          content_hash: contentHash(content),
          bytes: content.length,
          created_at: nowIso(),
          updated_at: nowIso(),
          ...analysisColumns(template),
          score,
        });
      }
      const ids = await trx.insertInto('calls').values(rows).returning('id').execute();
      const moments = ids.flatMap(({ id }, n) =>
        Array.from({ length: 4 }, (_, idx) => {
          const date = rows[n].call_date;
          const response = RESPONSE_KINDS[Math.floor(rng() * RESPONSE_KINDS.length)];
          return {
            call_id: id,
            call_date: date,
            idx,
            turn: idx * 2 + 1,
            speaker: 'Jordan Blake',
            trigger_kind: TRIGGER_KINDS[Math.floor(rng() * TRIGGER_KINDS.length)],
            trigger_subtype: null,
            trigger_quote: 'just send me some information',
            response_kind: response,
            response_turn: idx * 2 + 2,
            evidence: 'Sure, I will send it over.',
            severity: SEVERITY[response],
          };
        }),
      );
      for (let i = 0; i < moments.length; i += 400) {
        await trx
          .insertInto('moments')
          .values(moments.slice(i, i + 400))
          .execute();
      }
    }
  });
  const seedMs = performance.now() - t0;

  const manager = cast.manager;
  const page = await median(20, () => listCalls(db.db, manager, { page: 1, pageSize: 20 }));
  const pageFiltered = await median(20, () =>
    listCalls(db.db, manager, {
      response: ['caved', 'walked-out'],
      trigger: ['objection'],
      minScore: 20,
      sort: 'score',
      order: 'asc',
      page: 3,
      pageSize: 20,
    }),
  );
  const pageSearch = await median(10, () =>
    listCalls(db.db, cast.admin, { q: 'synthetic-99', pageSize: 20 }),
  );
  const dashboard = await median(10, () =>
    Promise.all([
      teamStats(db.db, manager, { from: daysAgo(56) }),
      coachingQueue(db.db, manager, { from: daysAgo(7), limit: 20 }),
    ]),
  );
  const dashboardAll = await median(10, () => teamStats(db.db, cast.admin, {}));
  const hour = oneHourCall(3);
  let n = 0;
  const analyzer = workerAnalyzer();
  const uploadOne = () =>
    ingestUpload(
      db.db,
      cast.admin,
      {
        filename: `hour-${n}.txt`,
        content: `${hour}\nDana Reyes: One more thing, number ${n++}.`,
        repId: cast.repA.id,
      },
      analyzer,
    );
  await uploadOne(); // starts the worker: start-up is not what an upload costs
  const upload = await median(9, uploadOne);
  await analyzer.close();

  const rows = [
    { what: `calls page, 20 of ${CALLS} (manager, default sort)`, ms: page, target: TARGETS.page },
    {
      what: 'calls page, response+trigger+score filters, sorted by score',
      ms: pageFiltered,
      target: TARGETS.page,
    },
    { what: 'calls page, text search (admin, transcripts)', ms: pageSearch, target: TARGETS.page },
    {
      what: 'team dashboard: 8-week stats + coaching queue (manager)',
      ms: dashboard,
      target: TARGETS.dashboard,
    },
    {
      what: 'team dashboard: all-time stats over every call (admin)',
      ms: dashboardAll,
      target: TARGETS.dashboard,
    },
    {
      what: `upload of a one-hour call (${(hour.length / 1024).toFixed(0)} KB), analysed + stored`,
      ms: upload,
      target: TARGETS.upload,
    },
  ];
  if (asJson) {
    console.log(JSON.stringify({ calls: CALLS, seedMs: Math.round(seedMs), rows }, null, 2));
  } else {
    console.log(
      `\nWeb storage and API, ${CALLS.toLocaleString('en')} stored calls (seeded in ${(seedMs / 1000).toFixed(1)} s)\n`,
    );
    for (const r of rows) {
      const ok = r.ms <= r.target ? 'ok  ' : 'SLOW';
      console.log(
        `  ${ok} ${r.ms.toFixed(1).padStart(7)} ms  (target < ${r.target} ms)  ${r.what}`,
      );
    }
  }
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
