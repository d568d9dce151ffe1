import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadScenarios } from '../practice/scenario.js';
import { getCall } from './db/calls.js';
import { openDb } from './db/connect.js';
import { findUserRowByEmail, getUser } from './db/people.js';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  demoEmails,
  demoLoginLines,
  demoLogins,
  seedDemo,
} from './seed.js';
import { inlineAnalyzer } from './services/analyzer.js';
import { ingestUpload } from './services/ingest.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);

describe('the demo seed', () => {
  it('gives every example call to the rep who speaks as its salesperson, and prints every login', async () => {
    const db = await openDb(':memory:');
    try {
      const seeded = await seedDemo(db.db);
      assert.equal(seeded.seeded, true);
      const admin = await findUserRowByEmail(db.db, DEMO_ACCOUNTS.admin);
      assert.ok(admin);
      const viewer = { id: admin.id, role: 'admin' as const };
      const rows = await db.db.selectFrom('calls').select(['id', 'title']).execute();
      assert.equal(rows.length, seeded.calls);
      assert.ok(rows.length >= 12);
      for (const row of rows) {
        const labels = JSON.parse(
          readFileSync(new URL(row.title.replace(/\.\w+$/, '.labels.json'), EXAMPLES), 'utf8'),
        ) as { rep: string[] };
        const call = await getCall(db.db, viewer, row.id);
        assert.ok(call);
        // The list's rep, the transcript's salesperson and the labels agree.
        assert.equal(call.repName, labels.rep[0], row.title);
        const speaker = call.analysis.speakers.find((s) => s.name === call.repName);
        assert.equal(speaker?.role, 'rep', `${row.title}: ${call.repName} speaks as the rep`);
      }
      // Every role, with the password, reps included.
      const logins = await demoLogins(db.db);
      assert.deepEqual([...new Set(logins.map((l) => l.role))], ['admin', 'manager', 'rep']);
      assert.equal(logins.length, seeded.accounts.length);
      const lines = demoLoginLines(logins).join('\n');
      assert.match(lines, new RegExp(DEMO_PASSWORD));
      assert.match(lines, /dana@walkpoint\.demo +rep +Dana Whitfield/);
      assert.match(lines, /manager@walkpoint\.demo +manager +Morgan Lee/);
      // The demo rep with the practice assignment exists and is one of the example salespeople.
      const dana = await findUserRowByEmail(db.db, DEMO_ACCOUNTS.rep);
      assert.equal(dana?.name, 'Dana Whitfield');
    } finally {
      await db.close();
    }
  });

  it('infers the rep of an example uploaded again from its speaker names', async () => {
    const db = await openDb(':memory:');
    try {
      await seedDemo(db.db);
      const managerRow = await findUserRowByEmail(db.db, DEMO_ACCOUNTS.manager);
      assert.ok(managerRow);
      const manager = await getUser(db.db, managerRow.id);
      assert.ok(manager);
      const content = `${readFileSync(new URL('cre-lease-ultimatum.vtt', EXAMPLES), 'utf8')}\n`;
      const up = await ingestUpload(
        db.db,
        manager,
        {
          filename: 'cre-lease-again.vtt',
          content: content.replace('WEBVTT', 'WEBVTT\n\nNOTE again'),
        },
        inlineAnalyzer(),
      );
      const rep = await getUser(db.db, up.repUserId);
      assert.equal(rep?.name, 'Marcus Lee');
    } finally {
      await db.close();
    }
  });

  it('gives no practice persona the name, nor the first name, of a demo user', async () => {
    const db = await openDb(':memory:');
    try {
      const seeded = await seedDemo(db.db);
      const first = (n: string) => n.split(' ')[0].toLowerCase();
      const names = new Set(seeded.accounts.map((a) => first(a.name)));
      for (const s of loadScenarios()) {
        assert.ok(!names.has(first(s.persona.name)), `${s.name}: ${s.persona.name}`);
      }
    } finally {
      await db.close();
    }
  });

  it('makes one demo email per name: the first name, or the whole name when two share it', () => {
    const emails = demoEmails(['Dana Whitfield', 'Sam Whitaker', 'Sam Ortiz']);
    assert.equal(emails.get('Dana Whitfield'), 'dana@walkpoint.demo');
    assert.equal(emails.get('Sam Whitaker'), 'sam.whitaker@walkpoint.demo');
    assert.equal(emails.get('Sam Ortiz'), 'sam.ortiz@walkpoint.demo');
  });
});
