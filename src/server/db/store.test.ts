/**
 * The storage contract: what every backend must do. Runs against SQLite in memory, in a WAL
 * file, and PostgreSQL (a fresh database on WALKPOINT_TEST_PG).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Analysis } from '../../core/types.js';
import { analyze } from '../../engine/analyze.js';
import {
  type Cast,
  createCast,
  forEachDb,
  openTestDb,
  PG_SKIP_MESSAGE,
  sampleCall,
} from '../testing.js';
import {
  CHECKED_COUNT_CAP,
  COUNT_CAP,
  contentHash,
  countCapFor,
  deleteCall,
  getCall,
  insertCall,
  listCalls,
  listMoments,
  replaceAnalysis,
} from './calls.js';
import { type Db, openDb } from './connect.js';
import { addNote, listNotes, setReviewed } from './notes.js';
import { listUsers } from './people.js';
import { coachingQueue, teamStats } from './stats.js';
import { weekOf } from './time.js';

function storageContract(name: string, open: () => Promise<Db>) {
  describe(`storage contract: ${name}`, () => {
    let db: Db;
    let cast: Cast;
    let analysis: Analysis;
    const ids: Record<string, number> = {};

    before(async () => {
      db = await open();
      cast = await createCast(db);
      analysis = analyze(sampleCall(), { file: 'a.txt', rep: ['Dana Reyes'] });
      assert.ok(analysis.moments.length >= 2, 'the sample call has moments to store');
      const store = (
        key: string,
        repUserId: number,
        callDate: string,
        salt: string,
        title = `${key}.txt`,
      ) =>
        insertCall(db.db, {
          title,
          ownerId: cast.admin.id,
          repUserId,
          callDate,
          content: sampleCall('Dana Reyes', 'Jordan Blake', salt),
          analysis: {
            ...analysis,
            score: { ...analysis.score, willingToWalk: 40 + Object.keys(ids).length * 10 },
          },
        }).then((id) => {
          ids[key] = id;
        });
      await store('a1', cast.repA.id, '2026-03-02', ' one');
      await store('a2', cast.repA.id, '2026-03-10', ' two', '100%_discount.txt');
      await store('a3', cast.repA2.id, '2026-03-11', ' three');
      await store('b1', cast.repB.id, '2026-03-12', ' four');
    });

    after(() => db.close());

    test('a call is stored with every moment and finding, and read back whole', async () => {
      const call = await getCall(db.db, cast.admin, ids.a1);
      assert.ok(call);
      assert.equal(call.analysis.moments.length, analysis.moments.length);
      assert.equal(call.moments.length, analysis.moments.length);
      assert.deepEqual(
        call.moments.map((m) => m.triggerKind),
        analysis.moments.map((m) => m.trigger.kind),
      );
      const findings = await db.db
        .selectFrom('findings')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('call_id', '=', ids.a1)
        .executeTakeFirstOrThrow();
      assert.equal(Number(findings.n), analysis.findings.length);
      assert.equal(call.engineVersion, analysis.engine.version);
      assert.equal(call.repName, 'Dana Reyes');
    });

    test('a failed write leaves nothing behind (one transaction)', async () => {
      const before = (await listCalls(db.db, cast.admin)).total;
      const broken = {
        ...analysis,
        moments: [{ ...analysis.moments[0], turn: null as unknown as number }],
      };
      await assert.rejects(
        insertCall(db.db, {
          title: 'broken.txt',
          ownerId: cast.admin.id,
          repUserId: cast.repA.id,
          callDate: '2026-03-01',
          content: 'broken',
          analysis: broken,
        }),
      );
      assert.equal((await listCalls(db.db, cast.admin)).total, before);
      const orphans = await db.db
        .selectFrom('findings')
        .select('id')
        .where('call_id', 'not in', (eb) => eb.selectFrom('calls').select('id'))
        .execute();
      assert.equal(orphans.length, 0);
    });

    test('the same content twice for one rep is refused by the database', async () => {
      const row = await db.db
        .selectFrom('calls')
        .select('content')
        .where('id', '=', ids.a1)
        .executeTakeFirstOrThrow();
      assert.equal(contentHash(row.content).length, 64);
      await assert.rejects(
        insertCall(db.db, {
          title: 'again.txt',
          ownerId: cast.admin.id,
          repUserId: cast.repA.id,
          callDate: '2026-03-01',
          content: row.content,
          analysis,
        }),
      );
    });

    test('visibility: a rep sees their own calls, a manager their team, an admin all', async () => {
      const titles = async (v: Cast[keyof Cast]) =>
        (await listCalls(db.db, v)).items.map((c) => c.id).sort((x, y) => x - y);
      assert.deepEqual(
        await titles(cast.repA),
        [ids.a1, ids.a2].sort((x, y) => x - y),
      );
      assert.deepEqual(await titles(cast.repB), [ids.b1]);
      assert.deepEqual(
        await titles(cast.manager),
        [ids.a1, ids.a2, ids.a3].sort((x, y) => x - y),
      );
      assert.deepEqual(await titles(cast.managerB), [ids.b1]);
      assert.equal((await titles(cast.admin)).length, 4);
      assert.equal(await getCall(db.db, cast.repB, ids.a1), undefined);
      assert.deepEqual(await listMoments(db.db, cast.repB, ids.a1), []);
      assert.deepEqual((await listUsers(db.db, cast.manager)).map((u) => u.name).sort(), [
        'Dana Reyes',
        'Morgan Lee',
        'Sam Patel',
      ]);
    });

    test('filters: rep, dates, score, response and trigger kinds, text search with literal %', async () => {
      const f = (filter: Parameters<typeof listCalls>[2]) =>
        listCalls(db.db, cast.admin, filter).then((r) =>
          r.items.map((c) => c.id).sort((x, y) => x - y),
        );
      assert.deepEqual(await f({ rep: [cast.repB.id] }), [ids.b1]);
      assert.deepEqual(
        await f({ from: '2026-03-10', to: '2026-03-11' }),
        [ids.a2, ids.a3].sort((x, y) => x - y),
      );
      assert.deepEqual(
        await f({ minScore: 60 }),
        [ids.a3, ids.b1].sort((x, y) => x - y),
      );
      const kind = analysis.moments[0].response.kind;
      assert.equal((await f({ response: [kind] })).length, 4);
      assert.equal(
        (await f({ response: kind === 'walked-out' ? ['none'] : ['walked-out'] })).length,
        0,
      );
      assert.equal((await f({ trigger: [analysis.moments[0].trigger.kind] })).length, 4);
      assert.deepEqual(await f({ q: '100%' }), [ids.a2]);
      assert.deepEqual(await f({ q: '00%_D' }), [ids.a2]);
      assert.deepEqual(await f({ q: 'three' }), [ids.a3], 'searches the transcript text');
      assert.deepEqual(await f({ q: 'chris park' }), [ids.b1], 'searches the rep name');
      assert.equal((await f({ q: 'JUST send me some INFO' })).length, 4, 'a phrase, any case');
      assert.deepEqual(await f({ q: 'zebracorn' }), [], 'a word nowhere');
    });

    test('sorting and pagination with a total', async () => {
      const page1 = await listCalls(db.db, cast.admin, {
        sort: 'score',
        order: 'asc',
        pageSize: 3,
        page: 1,
      });
      const page2 = await listCalls(db.db, cast.admin, {
        sort: 'score',
        order: 'asc',
        pageSize: 3,
        page: 2,
      });
      assert.equal(page1.total, 4);
      assert.equal(page1.items.length, 3);
      assert.equal(page2.items.length, 1);
      const scores = [...page1.items, ...page2.items].map((c) => c.score);
      assert.deepEqual(
        scores,
        [...scores].sort((x, y) => x - y),
      );
      const byDate = await listCalls(db.db, cast.admin, { sort: 'date', order: 'desc' });
      assert.equal(byDate.items[0].id, ids.b1);
      assert.equal(byDate.totalCapped, false);
    });

    test('the count stops at its cap and says so; the page is unaffected', async () => {
      const over = await listCalls(db.db, cast.admin, { pageSize: 2, page: 2 }, 3);
      assert.deepEqual([over.total, over.totalCapped], [3, true]);
      assert.equal(over.items.length, 2, 'page 2 of 2-call pages still lists the 3rd and 4th');
      const at = await listCalls(db.db, cast.admin, {}, 4);
      assert.deepEqual([at.total, at.totalCapped], [4, false], 'exactly the cap is exact');
      const searched = await listCalls(db.db, cast.admin, { q: 'JUST send me some INFO' }, 2);
      assert.deepEqual([searched.total, searched.totalCapped], [2, true]);
      const filtered = await listCalls(db.db, cast.admin, { rep: [cast.repB.id] }, 2);
      assert.deepEqual([filtered.total, filtered.totalCapped], [1, false]);
      // a list that checks each call it counts stops sooner than one an index answers
      assert.equal(countCapFor({}), COUNT_CAP);
      assert.equal(countCapFor({ rep: [1], from: '2026-01-01', minScore: 3, q: '  ' }), COUNT_CAP);
      for (const f of [{ q: 'send' }, { response: ['caved'] }, { trigger: ['stall'] }]) {
        assert.equal(countCapFor(f), CHECKED_COUNT_CAP, JSON.stringify(f));
      }
    });

    test('notes and the reviewed mark; replaced analyses keep them', async () => {
      const [m] = await listMoments(db.db, cast.manager, ids.a1);
      assert.equal(await addNote(db.db, cast.managerB, m.id, 'not my team'), undefined);
      const note = await addNote(db.db, cast.manager, m.id, '  Ask what budget they set aside.  ');
      assert.equal(note?.body, 'Ask what budget they set aside.');
      assert.equal(note?.authorName, 'Morgan Lee');
      assert.equal(await setReviewed(db.db, cast.manager, m.id, true), true);
      assert.equal(await setReviewed(db.db, cast.repB, m.id, true), false);

      await replaceAnalysis(db.db, ids.a1, {
        ...analysis,
        engine: { name: 'walkpoint', version: '9.9.9' },
      });
      const after = await getCall(db.db, cast.manager, ids.a1);
      assert.equal(after?.engineVersion, '9.9.9');
      const same = after?.moments.find((x) => x.turn === m.turn && x.triggerKind === m.triggerKind);
      assert.ok(same);
      assert.equal(same.reviewed, true);
      assert.equal(same.noteCount, 1);
      assert.deepEqual(
        (await listNotes(db.db, cast.manager, same.id))?.map((n) => n.body),
        ['Ask what budget they set aside.'],
      );
    });

    test('team stats: per-rep weekly trend, response mix, rates; the coaching queue', async () => {
      const stats = await teamStats(db.db, cast.manager, {});
      assert.deepEqual(stats.reps.map((r) => r.repName).sort(), ['Dana Reyes', 'Sam Patel']);
      const dana = stats.reps.find((r) => r.repName === 'Dana Reyes');
      assert.ok(dana);
      assert.equal(dana.calls, 2);
      assert.deepEqual(
        dana.trend.map((t) => t.week),
        [weekOf('2026-03-02'), weekOf('2026-03-10')],
      );
      assert.equal(stats.totals.calls, 3);
      const moments = Object.values(stats.totals.responses).reduce((a, b) => a + b, 0);
      assert.equal(moments, stats.totals.moments);
      assert.ok(dana.questionRate > 0 && dana.questionRate <= 2);
      // a period: the mix counts the moments of the calls in it (read by the moments' own date)
      const period = await teamStats(db.db, cast.manager, { from: '2026-03-10', to: '2026-03-11' });
      assert.equal(period.totals.calls, 2);
      assert.equal(period.totals.moments, 2 * analysis.moments.length);
      const copied = await db.db
        .selectFrom('moments')
        .innerJoin('calls', 'calls.id', 'moments.call_id')
        .select(['moments.call_date as copy', 'calls.call_date as date'])
        .execute();
      assert.ok(copied.length > 0 && copied.every((r) => r.copy === r.date));
      const queue = await coachingQueue(db.db, cast.manager, { limit: 50 });
      assert.ok(
        queue.every((q) => q.repName !== 'Chris Park'),
        "only the manager's team",
      );
      for (let i = 1; i < queue.length; i++) assert.ok(queue[i - 1].severity >= queue[i].severity);
      assert.ok(
        queue.every((q) => !q.reviewed),
        'reviewed moments leave the queue',
      );
    });

    test('deleting a call removes its moments, findings and notes', async () => {
      assert.equal(await deleteCall(db.db, cast.repB, ids.a2), false, 'not visible, not deleted');
      const moments = await listMoments(db.db, cast.admin, ids.a2);
      await addNote(db.db, cast.admin, moments[0].id, 'to be deleted');
      assert.equal(await deleteCall(db.db, cast.repA, ids.a2), true);
      assert.equal(await getCall(db.db, cast.admin, ids.a2), undefined);
      for (const table of ['moments', 'findings'] as const) {
        const rows = await db.db
          .selectFrom(table)
          .select('id')
          .where('call_id', '=', ids.a2)
          .execute();
        assert.equal(rows.length, 0, table);
      }
      const notes = await db.db
        .selectFrom('notes')
        .select('id')
        .where('moment_id', '=', moments[0].id)
        .execute();
      assert.equal(notes.length, 0);
    });
  });
}

forEachDb((kind, open) =>
  storageContract(kind === 'sqlite' ? 'SQLite in memory' : 'PostgreSQL', open),
);

const dir = mkdtempSync(join(tmpdir(), 'walkpoint-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
storageContract('SQLite file', () => openDb(join(dir, 'contract.db')));

describe('SQLite file specifics', () => {
  test('WAL mode, migrations are idempotent, data survives a reopen', async () => {
    const path = join(dir, 'reopen.db');
    const first = await openDb(path);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
    assert.equal(mode.rows[0].journal_mode, 'wal');
    await createCast(first);
    await first.close();
    const second = await openDb(path);
    assert.equal((await listUsers(second.db, { id: 0, role: 'admin' })).length, 6);
    await second.close();
  });

  test('a path that cannot be a database file gives a clear error', async () => {
    await assert.rejects(
      openDb(dir),
      (e: Error) => /database|cannot open/i.test(e.message) && e.message.includes(dir),
    );
  });

  test('a database locked by another process gives a clear error, not a hang', async () => {
    const path = join(dir, 'locked.db');
    const a = await openDb(path);
    await createCast(a);
    const b = await openDb(path, { busyTimeoutMs: 50 });
    await sql`begin exclusive`.execute(a.db);
    try {
      const { storageError } = await import('./connect.js');
      await assert.rejects(
        b.db
          .insertInto('teams')
          .values({ name: 'x', created_at: 'now' })
          .execute()
          .catch((e) => {
            throw storageError(e, path);
          }),
        /locked by another process/,
      );
    } finally {
      await sql`rollback`.execute(a.db);
      await b.close();
      await a.close();
    }
  });
});

describe('PostgreSQL specifics', {
  skip: process.env.WALKPOINT_TEST_PG ? false : PG_SKIP_MESSAGE,
}, () => {
  const server = () => new URL(process.env.WALKPOINT_TEST_PG ?? '');

  test('Db.path is the URL without its password; counts and doubles come back as numbers', async () => {
    const db = await openTestDb('postgres');
    try {
      assert.equal(db.kind, 'postgres');
      assert.match(db.path, /^postgres:\/\/walkpoint@127\.0\.0\.1:\d+\/walkpoint_test_/);
      assert.equal(db.path.includes(server().password), false);
      await createCast(db);
      const n = await db.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(n.n, 6, 'a count is a number, as on SQLite');
      const cast = await listUsers(db.db, { id: 0, role: 'admin' });
      const analysis = analyze(sampleCall(), { file: 'a.txt', rep: ['Dana Reyes'] });
      const id = await insertCall(db.db, {
        title: 'a.txt',
        ownerId: cast[0].id,
        repUserId: cast[0].id,
        callDate: '2026-03-02',
        content: sampleCall(),
        analysis,
      });
      const call = await getCall(db.db, { id: 0, role: 'admin' }, id);
      assert.equal(call?.repTalkShare, analysis.metrics.repTalkShare, 'a double, not a float4');
    } finally {
      await db.close();
    }
  });

  test('a wrong password, a missing database and a server that is not there: clear errors without the password', async () => {
    const wrong = server();
    wrong.password = 'not-the-password';
    const missing = server();
    missing.pathname = '/no_such_database';
    const down = server();
    down.port = '1';
    for (const [url, code, says] of [
      [wrong, 'db-auth-failed', /refused the user name or password/],
      [missing, 'db-missing', /no_such_database does not exist; create it/],
      [down, 'db-unreachable', /cannot reach PostgreSQL/],
    ] as const) {
      await assert.rejects(openDb(url.toString()), (e: Error & { code?: string }) => {
        assert.equal(e.code, code);
        assert.match(e.message, says);
        assert.ok(e.message.startsWith(`postgres://walkpoint@${url.host}`), e.message);
        assert.equal(e.message.includes(server().password), false);
        assert.equal(e.message.includes('not-the-password'), false);
        return true;
      });
    }
  });
});
