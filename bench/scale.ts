/**
 * `npm run bench:scale [-- --calls N --runs N --import-calls N --explain --json --keep --reuse URL]`: the web app on PostgreSQL with
 * 100,000 stored calls (default), measured through the real API (Fastify inject, signed in) as
 * a team manager and as an admin, against the targets below; then the table and index sizes
 * behind docs/scaling.md's growth figures. Measures, never asserts.
 *
 * The calls are generated from the bundled examples: each example is analysed once by the
 * engine, then every stored call is one of them varied (rep, team, date, title, a reference
 * line in the text, score, how the rep responded at each moment), inserted in bulk. Findings
 * rows are stored for the first FINDINGS_SAMPLE calls only (no list or dashboard reads them);
 * their bytes per call are measured on that sample.
 *
 * PostgreSQL: WALKPOINT_BENCH_PG (a server URL where the user may CREATE DATABASE; a fresh
 * database is made and dropped), else a throwaway cluster with PostgreSQL's default durability
 * (scripts/pg-cluster.mjs). `--explain` prints each query's plan (EXPLAIN ANALYZE). `--keep`
 * leaves the database (and the cluster) in place and prints its URL; `--reuse URL` measures that
 * database again without storing the calls anew (with WALKPOINT_BENCH_PG, so the cluster is yours).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { type CompiledQuery, type Insertable, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Cluster, startCluster } from '../scripts/pg-cluster.mjs';
import type { Analysis } from '../src/core/types.js';
import type { ResponseKind } from '../src/core/vocabulary.js';
import { analyze } from '../src/engine/analyze.js';
import { buildApp } from '../src/server/app.js';
import { hashPassword } from '../src/server/auth/password.js';
import { analysisColumns, contentHash, findingRow, SEVERITY } from '../src/server/db/calls.js';
import { type Db, openDb } from '../src/server/db/connect.js';
import { createTeam, createUser, type User } from '../src/server/db/people.js';
import type { CallsTable, Database, FindingsTable, MomentsTable } from '../src/server/db/schema.js';
import { daysAgo, nowIso, weekOf } from '../src/server/db/time.js';
import { freshPostgresDatabase } from '../src/server/testing.js';
import { prng } from './corpus.js';
import { importThroughput } from './scale-import.js';

/** p95 targets in ms (issue 12). */
const TARGETS = { page: 100, filtered: 200, search: 200, dashboard: 200 } as const;
const TEAMS = 20;
const REPS_PER_TEAM = 10;
/** Two years of calls. */
const DAYS = 730;
const FINDINGS_SAMPLE = 2_000;
const BATCH = 250;
const PASSWORD = 'bench-password-1';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
function numberFlag(name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench:scale: ${name} needs a whole number of 1 or more (got "${args[i + 1]}")`);
    process.exit(2);
  }
  return n;
}
const CALLS = numberFlag('--calls', 100_000);
const RUNS = numberFlag('--runs', 50);
const IMPORT_CALLS = numberFlag('--import-calls', 200);
const asJson = flag('--json');
/** Keep the generated database (and the throwaway cluster running) for `--reuse`. */
const KEEP = flag('--keep');
const REUSE = (() => {
  const i = args.indexOf('--reuse');
  return i < 0 ? undefined : args[i + 1];
})();
const say = (line: string) => {
  if (!asJson) console.log(line);
};

interface Template {
  file: string;
  content: string;
  analysis: Analysis;
  json: string;
}

/** The bundled example calls, each analysed once. */
function templates(): Template[] {
  const dir = new URL('../examples/', import.meta.url);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !/\.(labels\.json|md)$/.test(e.name))
    .map((e) => {
      const content = readFileSync(new URL(e.name, dir), 'utf8');
      const analysis = analyze(content, { file: e.name });
      return { file: e.name, content, analysis, json: JSON.stringify(analysis) };
    })
    .filter((t) => t.analysis.moments.length > 0);
}

/** How often a rep responds each way, roughly what the labelled calls show. */
const RESPONSE_MIX: [ResponseKind, number][] = [
  ['challenged', 0.34],
  ['caved', 0.24],
  ['pitched-through', 0.16],
  ['gave-up', 0.12],
  ['none', 0.08],
  ['walked-out', 0.06],
];

async function createPeople(db: Db) {
  const passwordHash = await hashPassword(PASSWORD);
  const admin = await createUser(db.db, {
    email: 'admin@bench.io',
    name: 'Bench Admin',
    role: 'admin',
    passwordHash,
    teamIds: [],
  });
  const managers: User[] = [];
  const reps: User[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const team = await createTeam(db.db, `Team ${t + 1}`);
    managers.push(
      await createUser(db.db, {
        email: `manager${t + 1}@bench.io`,
        name: `Manager ${t + 1}`,
        role: 'manager',
        passwordHash,
        teamIds: [team.id],
      }),
    );
    for (let r = 0; r < REPS_PER_TEAM; r++) {
      reps.push(
        await createUser(db.db, {
          email: `rep${t + 1}-${r + 1}@bench.io`,
          name: `Rep ${t + 1}.${r + 1}`,
          role: 'rep',
          passwordHash,
          teamIds: [team.id],
        }),
      );
    }
  }
  return { admin, managers, reps };
}

/** Inserts `CALLS` varied calls with their moments (and findings for the first sample). */
async function generate(db: Db, people: Awaited<ReturnType<typeof createPeople>>) {
  const tpl = templates();
  const rng = prng(12);
  // Some reps record far more calls than others.
  const weights = people.reps.map(() => 0.3 + rng() * 1.7);
  const total = weights.reduce((a, b) => a + b, 0);
  const pickRep = () => {
    let x = rng() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x <= 0) return people.reps[i];
    }
    return people.reps[people.reps.length - 1];
  };
  const pickResponse = (): ResponseKind => {
    let x = rng();
    for (const [kind, p] of RESPONSE_MIX) {
      x -= p;
      if (x <= 0) return kind;
    }
    return 'challenged';
  };
  // A bulk load builds the GIN indexes once at the end, as a restore does, instead of row by row.
  const gin = await sql<{ name: string; def: string }>`select indexname as name, indexdef as def
    from pg_indexes where tablename = 'calls' and indexdef like '% USING gin %'`.execute(db.db);
  for (const i of gin.rows) await sql`drop index ${sql.id(i.name)}`.execute(db.db);
  const now = nowIso();
  let momentId = 0;
  let findingId = 0;
  const t0 = performance.now();
  for (let start = 0; start < CALLS; start += BATCH) {
    const calls: Insertable<CallsTable>[] = [];
    const moments: Insertable<MomentsTable>[] = [];
    const findings: Insertable<FindingsTable>[] = [];
    for (let i = start; i < Math.min(CALLS, start + BATCH); i++) {
      const t = tpl[Math.floor(rng() * tpl.length)];
      const rep = pickRep();
      const id = i + 1;
      // More calls lately, as a growing sales floor records them.
      const date = daysAgo(Math.floor(DAYS * rng() ** 1.3));
      const content = `${t.content}\n${rep.name}: Thanks again, this was call reference WP-${id}.\n`;
      const cols = analysisColumns(t.analysis);
      calls.push({
        id,
        title: `${t.file.replace(/\.[a-z]+$/, '')} ${rep.name} ${date}`,
        owner_id: rep.id,
        rep_user_id: rep.id,
        call_date: date,
        call_week: weekOf(date),
        content,
        content_hash: contentHash(content),
        bytes: Buffer.byteLength(content),
        created_at: now,
        updated_at: now,
        ...cols,
        analysis_json: t.json,
        score: Math.max(0, Math.min(100, cols.score + Math.round((rng() - 0.5) * 40))),
      });
      const old = date < daysAgo(30);
      t.analysis.moments.forEach((m, idx) => {
        const response = rng() < 0.5 ? m.response.kind : pickResponse();
        const reviewed = old && rng() < 0.6 ? 1 : 0;
        moments.push({
          id: ++momentId,
          call_id: id,
          call_date: date,
          idx,
          turn: m.turn,
          speaker: m.speaker,
          trigger_kind: m.trigger.kind,
          trigger_subtype: m.trigger.subtype ?? null,
          trigger_quote: m.trigger.quote,
          response_kind: response,
          response_turn: m.response.turn ?? null,
          evidence: m.response.evidence,
          severity: SEVERITY[response],
          needs_review: m.needsReview ? 1 : 0,
          reviewed,
          reviewed_by: reviewed ? people.admin.id : null,
          reviewed_at: reviewed ? now : null,
        });
      });
      if (id <= FINDINGS_SAMPLE) {
        for (const f of t.analysis.findings.filter((x) => !x.overruled)) {
          findings.push({ id: ++findingId, ...findingRow(id, f) });
        }
      }
    }
    await db.db.transaction().execute(async (trx) => {
      await trx.insertInto('calls').values(calls).execute();
      for (let i = 0; i < moments.length; i += 1000) {
        await trx
          .insertInto('moments')
          .values(moments.slice(i, i + 1000))
          .execute();
      }
      for (let i = 0; i < findings.length; i += 1000) {
        await trx
          .insertInto('findings')
          .values(findings.slice(i, i + 1000))
          .execute();
      }
    });
    if (!asJson && (start / BATCH) % 40 === 0) {
      process.stdout.write(`\r  ${start + calls.length} of ${CALLS} calls stored`);
    }
  }
  // Explicit ids went in; the sequences continue after them, as after real uploads.
  for (const table of ['calls', 'moments', 'findings']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
      (select coalesce(max(id), 0) + 1 from ${sql.table(table)}), false)`.execute(db.db);
  }
  for (const i of gin.rows) await sql.raw(i.def).execute(db.db);
  // What autovacuum would have done by the time anyone reads these calls.
  await sql`vacuum analyze`.execute(db.db);
  say(
    `\r  ${CALLS} calls, ${momentId} moments, ${findingId} findings (first ${FINDINGS_SAMPLE} calls) stored in ${((performance.now() - t0) / 1000).toFixed(1)} s, from ${tpl.length} analysed examples`,
  );
  return { moments: momentId, findings: findingId };
}

type Request = { name: string; target: number; url: (run: number) => string };

/** The reads the web app makes at scale; each run varies the search words and the page. */
function requests(): Request[] {
  const words = ['send me', 'budget', 'think it over', 'discount', 'contract', 'next quarter'];
  const from = (days: number) => daysAgo(days);
  return [
    { name: 'calls page 1', target: TARGETS.page, url: () => '/api/v1/calls?pageSize=25' },
    {
      name: 'calls page 80 (deep)',
      target: TARGETS.page,
      url: (r) => `/api/v1/calls?pageSize=25&page=${80 + (r % 5)}`,
    },
    {
      name: 'filtered (responses, dates, score)',
      target: TARGETS.filtered,
      url: (r) =>
        `/api/v1/calls?pageSize=25&response=caved,walked-out&from=${from(90 + (r % 30))}&minScore=30`,
    },
    {
      name: 'text search',
      target: TARGETS.search,
      url: (r) => `/api/v1/calls?pageSize=25&q=${encodeURIComponent(words[r % words.length])}`,
    },
    {
      name: 'team dashboard (8 weeks)',
      target: TARGETS.dashboard,
      url: () => `/api/v1/stats?from=${from(56)}`,
    },
    {
      name: 'coaching queue',
      target: TARGETS.dashboard,
      url: () => '/api/v1/stats/queue?limit=12',
    },
  ];
}

async function signIn(app: FastifyInstance, email: string): Promise<Record<string, string>> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in ${email}: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

interface Row {
  as: string;
  query: string;
  p50: number;
  p95: number;
  target: number;
  total?: number;
}

async function measure(app: FastifyInstance, as: string, headers: Record<string, string>) {
  const rows: Row[] = [];
  for (const r of requests()) {
    const times: number[] = [];
    let total: number | undefined;
    for (let run = -3; run < RUNS; run++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: r.url(Math.max(run, 0)), headers });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${r.name}: ${res.statusCode} ${res.body}`);
      if (run >= 0) times.push(ms);
      const body = res.json();
      if (run === 0 && typeof body.total === 'number') total = body.total;
    }
    times.sort((a, b) => a - b);
    rows.push({
      as,
      query: r.name,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      target: r.target,
      total,
    });
  }
  return rows;
}

/**
 * Each request once more on an app whose queries are logged, and the plan of every statement
 * over calls or moments, run with the same parameters.
 */
async function explain(url: string, admin: Record<string, string>, manager: typeof admin) {
  const seen: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const traced = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') seen.push(e.query);
    },
  });
  const app = await buildApp({ db: traced, webRoot: false });
  try {
    for (const [as, headers] of [
      ['manager', manager],
      ['admin', admin],
    ] as const) {
      for (const r of requests()) {
        await app.inject({ method: 'GET', url: r.url(0), headers });
        const statements = seen.splice(0).filter((q) => /\b(calls|moments)\b/.test(q.sql));
        console.log(`\n=== ${r.name} (as ${as})`);
        for (const q of statements) {
          const plan = await pool.query(`explain (analyze, costs off) ${q.sql}`, [...q.parameters]);
          console.log(`-- ${q.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
          for (const row of plan.rows) console.log(`   ${row['QUERY PLAN']}`);
        }
      }
    }
  } finally {
    await app.close();
    await traced.destroy();
  }
}

/** Table and index sizes, in bytes. */
async function sizes(db: Db) {
  const tables = await sql<{ name: string; total: number; heap: number; indexes: number }>`
    select c.relname as name, pg_total_relation_size(c.oid) as total,
      pg_relation_size(c.oid) + coalesce(pg_total_relation_size(c.reltoastrelid), 0) as heap,
      pg_indexes_size(c.oid) as indexes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 2 desc`.execute(db.db);
  const indexes = await sql<{ table: string; name: string; bytes: number }>`
    select t.relname as table, i.relname as name, pg_relation_size(i.oid) as bytes
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and t.relname in ('calls', 'moments', 'findings')
    order by 3 desc`.execute(db.db);
  return { tables: tables.rows, indexes: indexes.rows };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  let cluster: Cluster | undefined;
  if (!process.env.WALKPOINT_BENCH_PG && !REUSE) {
    cluster = await startCluster({ durable: true, log: say });
  }
  const server = process.env.WALKPOINT_BENCH_PG ?? cluster?.url ?? REUSE;
  // --reuse URL: measure a database a `--keep` run left (the calls take minutes to store)
  const fresh = REUSE
    ? { url: REUSE, drop: async () => {} }
    : await freshPostgresDatabase(server, 'walkpoint_bench');
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  try {
    db = await openDb(fresh.url);
    say(`bench:scale on ${db.path}: ${CALLS} calls, ${TEAMS} teams of ${REPS_PER_TEAM} reps`);
    const stored = REUSE ? undefined : await generate(db, await createPeople(db));
    // as docs/scaling.md advises after a bulk import: fresh statistics, and the visibility map
    // that lets the dashboard's covering indexes answer without the rows
    await sql`vacuum analyze`.execute(db.db);
    app = await buildApp({ db: db.db, webRoot: false });
    const manager = await signIn(app, 'manager1@bench.io');
    const admin = await signIn(app, 'admin@bench.io');
    const rows = [
      ...(await measure(app, 'manager', manager)),
      ...(await measure(app, 'admin', admin)),
    ];
    // Import throughput: the same transcripts through the job queue with 1 and 2 workers.
    say(`\nImporting ${IMPORT_CALLS} transcripts with 1 worker, then 2 (fresh databases)...`);
    const imported = await importThroughput(IMPORT_CALLS, server);
    const size = await sizes(db);
    if (flag('--explain')) await explain(fresh.url, admin, manager);

    if (asJson) {
      console.log(
        JSON.stringify({ calls: CALLS, runs: RUNS, stored, rows, sizes: size, import: imported }),
      );
      return;
    }
    console.log(`\nRead paths through the API, ${RUNS} runs each (ms):`);
    console.log(
      `${'as'.padEnd(8)} ${'query'.padEnd(36)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'target'.padStart(7)}  matching`,
    );
    for (const r of rows) {
      const ok = r.p95 < r.target ? 'ok' : 'OVER';
      console.log(
        `${r.as.padEnd(8)} ${r.query.padEnd(36)} ${r.p50.toFixed(1).padStart(7)} ${r.p95.toFixed(1).padStart(7)} ${`<${r.target}`.padStart(7)}  ${r.total ?? ''} ${ok}`,
      );
    }
    console.log(`\nImport throughput, ${IMPORT_CALLS} transcripts of 4-40 KB (calls/s):`);
    for (const run of [imported.one, imported.two]) {
      console.log(
        `  ${run.workers} worker${run.workers === 1 ? ' ' : 's'}  ${run.callsPerSecond.toFixed(1).padStart(7)}  (${run.seconds.toFixed(1)} s)`,
      );
    }
    console.log(
      `  2 workers / 1 worker: ${imported.ratio.toFixed(2)}x  (target >= 1.7x) ${imported.ratio >= 1.7 ? 'ok' : 'UNDER'}`,
    );
    console.log(`\nSizes at ${CALLS} calls (bytes per call in brackets):`);
    for (const t of size.tables.filter((x) => x.total > 64 * 1024)) {
      const per = t.name === 'findings' ? Math.min(CALLS, FINDINGS_SAMPLE) : CALLS;
      console.log(
        `  ${t.name.padEnd(14)} total ${mb(t.total).padStart(10)}  data ${mb(t.heap).padStart(10)}  indexes ${mb(t.indexes).padStart(9)}  (${Math.round(t.total / per)} B/call${t.name === 'findings' ? `, from the first ${per}` : ''})`,
      );
    }
    for (const i of size.indexes) {
      console.log(`    ${`${i.table}.${i.name}`.padEnd(34)} ${mb(i.bytes).padStart(10)}`);
    }
  } finally {
    await app?.close();
    await db?.close();
    if (KEEP) say(`\nKept the database for --reuse: ${fresh.url}`);
    else await fresh.drop().catch(() => {});
    if (!KEEP) cluster?.stop();
  }
}

await main();
