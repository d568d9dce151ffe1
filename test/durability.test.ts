/**
 * Killing the server (SIGKILL, no clean shutdown) right after an upload was acknowledged loses
 * nothing: the call is committed before the response, and the database reopens intact.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDb } from '../src/server/db/connect.js';
import { DEMO_PASSWORD } from '../src/server/seed.js';

const root = new URL('../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'walkpoint-kill-'));
const dbPath = join(dir, 'walkpoint.db');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the real server in a child process and resolves with its URL. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./src/server/serve.ts').then((m) => m.serve({ dbPath: ${JSON.stringify(dbPath)}, port: 0, webRoot: false }))`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/running at (http:\/\/\S+)/);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

test('an acknowledged upload survives SIGKILL of the server', { timeout: 60_000 }, async () => {
  const { child, url } = await startServer();
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // a rep: the upload is theirs, no rep to choose
    body: JSON.stringify({ email: 'dana@walkpoint.demo', password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const content = readFileSync(join(root, 'examples/manufacturing-incumbent.txt'), 'utf8')
    // a variation of its own, so it is not the seeded duplicate
    .replace('Gary', 'Garrett');
  const upload = await fetch(`${url}/api/v1/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ filename: 'acknowledged-call.txt', content }),
  });
  assert.equal(upload.status, 201, await upload.clone().text());
  const { id } = (await upload.json()) as { id: number };

  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  const db = await openDb(dbPath);
  try {
    const row = await db.db
      .selectFrom('calls')
      .select(['id', 'title'])
      .where('id', '=', id)
      .executeTakeFirst();
    assert.equal(row?.id, id);
    assert.match(row?.title ?? '', /acknowledged-call/);
    const moments = await db.db
      .selectFrom('moments')
      .select('id')
      .where('call_id', '=', id)
      .execute();
    assert.ok(moments.length > 0, 'its moments were stored with it');
  } finally {
    await db.close();
  }
});
