/**
 * The login throttle: per pair, per IP (spraying), per account (growing delays). The same rules
 * run over both stores (memory and database); then the memory table's bounds, and the database's
 * keeping locks across a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { openDb } from '../db/connect.js';
import {
  createDbThrottle,
  createThrottle,
  ipBlock,
  type Throttle,
  type ThrottleOptions,
} from './throttle.js';

const MINUTE = 60_000;

function clock() {
  const c = { t: 1_000_000, now: () => c.t };
  return c;
}

type Make = (opts: ThrottleOptions) => Promise<Throttle>;

/** Each store, with what to close after each test. */
const stores: [string, () => { make: Make; close(): Promise<void> }][] = [
  ['memory', () => ({ make: async (o) => createThrottle(o), close: async () => {} })],
  [
    'database',
    () => {
      const open: { close(): Promise<void> }[] = [];
      return {
        async make(o) {
          const db = await openDb(':memory:');
          open.push(db);
          return createDbThrottle(db.db, o);
        },
        close: async () => {
          for (const db of open) await db.close();
        },
      };
    },
  ],
];

for (const [name, store] of stores) {
  describe(`login throttle (${name})`, () => {
    let make: Make;
    let done: () => Promise<void> = async () => {};
    beforeEach(() => {
      const s = store();
      make = s.make;
      done = s.close;
    });
    afterEach(() => done());

    test('five failures lock one email for one IP, for 15 minutes', async () => {
      const c = clock();
      const t = await make({ now: c.now });
      for (let i = 0; i < 4; i++) await t.fail('10.0.0.1', 'dana@x.io');
      assert.equal(await t.lockedFor('10.0.0.1', 'dana@x.io'), 0);
      await t.fail('10.0.0.1', 'Dana@X.io ');
      assert.equal(await t.lockedFor('10.0.0.1', 'dana@x.io'), 15 * MINUTE);
      assert.equal(
        await t.lockedFor('10.0.0.2', 'dana@x.io'),
        0,
        'another IP is not held by the pair',
      );
      c.t += 15 * MINUTE;
      assert.equal(await t.lockedFor('10.0.0.1', 'dana@x.io'), 0);
      await t.fail('10.0.0.1', 'dana@x.io');
      assert.equal(
        await t.lockedFor('10.0.0.1', 'dana@x.io'),
        0,
        'a served lock starts a fresh count',
      );
    });

    test('spraying 50 accounts from one IP is stopped after 20 failures; other IPs go on', async () => {
      const c = clock();
      const t = await make({ now: c.now });
      let refused = 0;
      for (let i = 0; i < 50; i++) {
        const email = `user${i}@x.io`;
        if ((await t.lockedFor('203.0.113.9', email)) > 0) {
          refused++;
          continue;
        }
        await t.fail('203.0.113.9', email);
        c.t += 1000;
      }
      assert.equal(refused, 30);
      assert.ok((await t.lockedFor('203.0.113.9', 'someone-new@x.io')) > 14 * MINUTE);
      assert.equal(await t.lockedFor('203.0.113.10', 'user1@x.io'), 0);
      c.t += 15 * MINUTE;
      assert.equal(await t.lockedFor('203.0.113.9', 'someone-new@x.io'), 0, 'the IP lock ends');
    });

    test('one IPv6 /64 counts as one IP', async () => {
      assert.equal(ipBlock('2001:db8:1:2::1'), '2001:db8:1:2::/64');
      assert.equal(ipBlock('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
      assert.equal(ipBlock('::ffff:192.0.2.1'), '192.0.2.1');
      assert.equal(ipBlock('::1'), '0:0:0:0::/64');
      const t = await make({ now: clock().now });
      for (let i = 0; i < 20; i++) await t.fail(`2001:db8:1:2::${i + 1}`, `u${i}@x.io`);
      assert.ok((await t.lockedFor('2001:db8:1:2::ffff', 'new@x.io')) > 0);
      assert.equal(await t.lockedFor('2001:db8:1:3::1', 'new@x.io'), 0);
    });

    test('guessing one account from many IPs meets growing delays, capped, then forgotten', async () => {
      const c = clock();
      const t = await make({ now: c.now });
      let ip = 0;
      const next = () => `198.51.100.${++ip}`;
      for (let i = 0; i < 9; i++) await t.fail(next(), 'ceo@x.io');
      assert.equal(await t.lockedFor(next(), 'ceo@x.io'), 0);
      await t.fail(next(), 'ceo@x.io');
      const delays = [await t.lockedFor(next(), 'ceo@x.io')];
      for (let i = 0; i < 6; i++) {
        c.t += delays[delays.length - 1];
        assert.equal(await t.lockedFor(next(), 'ceo@x.io'), 0, 'each delay ends');
        await t.fail(next(), 'ceo@x.io');
        delays.push(await t.lockedFor(next(), 'ceo@x.io'));
      }
      assert.deepEqual(
        delays.map((d) => d / MINUTE),
        [1, 2, 4, 8, 15, 15, 15],
      );
      assert.equal(
        await t.lockedFor('198.51.100.1', 'other@x.io'),
        0,
        'other accounts are untouched',
      );
      c.t += 61 * MINUTE;
      await t.fail(next(), 'ceo@x.io');
      assert.equal(
        await t.lockedFor(next(), 'ceo@x.io'),
        0,
        'an hour without failures forgets them',
      );
    });

    test('the real user is not held by the account delay from an IP they signed in from', async () => {
      const c = clock();
      const t = await make({ now: c.now });
      await t.succeed('192.0.2.7', 'ceo@x.io');
      for (let i = 0; i < 30; i++) await t.fail(`198.51.100.${i}`, 'ceo@x.io');
      assert.ok((await t.lockedFor('198.51.100.200', 'ceo@x.io')) > 0);
      assert.equal(await t.lockedFor('192.0.2.7', 'ceo@x.io'), 0);
      // Their own sign-in does not reset the count the guesser built up.
      await t.succeed('192.0.2.7', 'ceo@x.io');
      assert.ok((await t.lockedFor('198.51.100.200', 'ceo@x.io')) > 0);
      // Nor does it lift the lock on a pair that failed five times.
      for (let i = 0; i < 5; i++) await t.fail('192.0.2.7', 'ceo@x.io');
      assert.ok((await t.lockedFor('192.0.2.7', 'ceo@x.io')) > 0);
    });
  });
}

describe('the memory table', () => {
  test('filling the table with junk keys does not release an existing lock', () => {
    const c = clock();
    const t = createThrottle({ now: c.now, maxEntries: 500 });
    for (let i = 0; i < 5; i++) t.fail('10.9.9.9', 'victim@x.io');
    for (let i = 0; i < 20; i++) t.fail('10.8.8.8', `spray${i}@x.io`);
    assert.ok(t.lockedFor('10.9.9.9', 'victim@x.io') > 0);
    assert.ok(t.lockedFor('10.8.8.8', 'anyone@x.io') > 0);
    // 20,000 junk failures, each from its own address and email (three keys each).
    for (let i = 0; i < 20_000; i++) {
      t.fail(`172.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `junk${i}@x.io`);
    }
    assert.ok(t.size() <= 500, `the table stays bounded (${t.size()})`);
    assert.ok(t.lockedFor('10.9.9.9', 'victim@x.io') > 0, 'the pair lock holds');
    assert.ok(t.lockedFor('10.8.8.8', 'anyone@x.io') > 0, 'the IP lock holds');
  });

  test('a table full of locks still counts new failures and stays bounded', () => {
    const c = clock();
    const t = createThrottle({ now: c.now, maxEntries: 100, ipMaxFailures: 1_000_000 });
    // 200 locked pairs (more than the table holds), all from one IP.
    for (let i = 0; i < 200; i++) for (let j = 0; j < 5; j++) t.fail('10.1.1.1', `u${i}@x.io`);
    assert.ok(t.size() <= 400);
    for (let i = 0; i < 200; i++) assert.ok(t.lockedFor('10.1.1.1', `u${i}@x.io`) > 0, `u${i}`);
    for (let j = 0; j < 5; j++) t.fail('10.2.2.2', 'late@x.io');
    assert.ok(t.lockedFor('10.2.2.2', 'late@x.io') > 0, 'a new pair is still counted and locked');
    for (let i = 0; i < 2000; i++) for (let j = 0; j < 5; j++) t.fail('10.3.3.3', `v${i}@x.io`);
    assert.ok(t.size() <= 400, `bounded even then (${t.size()})`);
  });
});

describe('the database store', () => {
  test('a lock survives a restart; expired counts are dropped as it goes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'walkpoint-throttle-'));
    const file = join(dir, 'w.db');
    const c = clock();
    try {
      let db = await openDb(file);
      let t = createDbThrottle(db.db, { now: c.now });
      for (let i = 0; i < 5; i++) await t.fail('10.0.0.1', 'dana@x.io');
      for (let i = 0; i < 20; i++) await t.fail('10.0.0.2', `spray${i}@x.io`);
      await db.close();

      db = await openDb(file);
      t = createDbThrottle(db.db, { now: c.now });
      assert.equal(await t.lockedFor('10.0.0.1', 'dana@x.io'), 15 * MINUTE);
      assert.ok((await t.lockedFor('10.0.0.2', 'anyone@x.io')) > 0);
      const rows = async () =>
        (await db.db.selectFrom('login_throttle').select('key').execute()).length;
      assert.ok((await rows()) > 20);
      c.t += 2 * 60 * MINUTE;
      await t.fail('10.0.0.3', 'late@x.io');
      assert.equal(await rows(), 3, 'only the new failure’s three counts are left');
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
