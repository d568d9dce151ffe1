import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { analyze } from '../engine/analyze.js';
import type { CallDetail } from './contract/shapes.js';
import { sampleCall, type TestServer, testServer } from './testing.js';

/** The `ws` client (the package @fastify/websocket is built on; it ships no types here). */
interface Ws {
  on(event: 'message', fn: (data: Buffer) => void): void;
  on(event: 'open' | 'close', fn: () => void): void;
  on(event: 'error', fn: (e: Error) => void): void;
  on(event: 'unexpected-response', fn: (req: unknown, res: { statusCode: number }) => void): void;
  send(data: string): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (
  url: string,
  opts?: { headers?: Record<string, string> },
) => Ws;

type Msg = { type: string; [k: string]: unknown };

/** Opens a socket; resolves when it closes, with every message it got. */
function open(url: string, headers: Record<string, string>, script: (ws: Ws, got: Msg[]) => void) {
  return new Promise<{ messages: Msg[]; status?: number }>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: Msg[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as Msg;
      messages.push(m);
      if (m.type === 'ready') script(ws, messages);
    });
    ws.on('unexpected-response', (_req, res) => resolve({ messages, status: res.statusCode }));
    ws.on('close', () => resolve({ messages }));
    ws.on('error', reject);
  });
}

let s: TestServer;
let base: string;
let cookie: Record<string, string>;

before(async () => {
  s = await testServer();
  await s.app.listen({ host: '127.0.0.1', port: 0 });
  const address = s.app.server.address();
  assert.ok(address && typeof address === 'object');
  base = `ws://127.0.0.1:${address.port}/api/v1/live`;
  const login = await s.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'dana@test.io', password: 'correct horse battery' },
  });
  cookie = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
});
after(() => s.close());

const lines = sampleCall().trim().split('\n');
const captions = lines.map((l, i) => {
  const at = l.indexOf(': ');
  return { speaker: l.slice(0, at), text: l.slice(at + 2), start: i * 5, end: i * 5 + 4 };
});

describe('/api/v1/live', () => {
  test('nobody signed in: 401 before the upgrade', async () => {
    const r = await open(base, {}, () => {});
    assert.equal(r.status, 401);
  });

  test('a cookie from another site is refused (403)', async () => {
    const r = await open(base, { ...cookie, origin: 'https://evil.example' }, () => {});
    assert.equal(r.status, 403);
  });

  test('a rep streams their call: cards as they happen, a bad message is answered, the call is saved', async () => {
    const r = await open(`${base}?rep=Dana%20Reyes&title=Jordan%20call`, cookie, (ws) => {
      ws.send(JSON.stringify({ type: 'caption', ...captions[0] }));
      ws.send('{"type":"caption","speaker":"Jordan Blake"}');
      ws.send('not json');
      for (const c of captions.slice(1)) ws.send(JSON.stringify({ type: 'caption', ...c }));
      ws.send(JSON.stringify({ type: 'end' }));
    });
    const types = r.messages.map((m) => m.type);
    assert.equal(types[0], 'ready');
    const errors = r.messages.filter((m) => m.type === 'error');
    assert.deepEqual(
      errors.map((e) => e.message),
      ['message 2: "text" is missing or not a string', 'message 3: not a JSON object'],
    );
    const cards = r.messages.filter((m) => m.type === 'card');
    assert.deepEqual(
      cards.map((c) => (c.trigger as { kind: string }).kind),
      ['objection', 'stall'],
    );
    assert.ok(r.messages.some((m) => m.type === 'grade'));
    const summary = r.messages[r.messages.length - 1] as Msg & { call: { id: number } };
    assert.equal(summary.type, 'summary');
    assert.ok(summary.call, JSON.stringify(summary.saveError));
    // saved through the upload path: listed, and its analysis is the batch analysis
    const dana = await s.login('dana@test.io');
    const list = (await dana.request('GET', '/api/v1/calls')).json();
    assert.ok(list.items.some((c: { id: number }) => c.id === summary.call.id));
    const call = (
      await dana.request('GET', `/api/v1/calls/${summary.call.id}`)
    ).json() as CallDetail;
    assert.equal(call.title, 'Jordan call.json');
    assert.equal(call.repName, 'Dana Reyes');
    const batch = analyze(sampleCall(), { rep: ['Dana Reyes'] });
    assert.deepEqual(call.analysis.moments, batch.moments);
  });

  test('a connection that drops mid-call keeps the call as far as it went', async () => {
    // not the transcript another test saves (the same call twice for one rep is refused)
    const sent = captions.slice(0, -1);
    await open(`${base}?rep=Dana%20Reyes&title=Dropped%20call`, cookie, (ws) => {
      for (const c of sent) ws.send(JSON.stringify({ type: 'caption', ...c }));
      ws.close();
    });
    const dana = await s.login('dana@test.io');
    let saved: { id: number; title: string } | undefined;
    for (let i = 0; i < 100 && !saved; i++) {
      const list = (await dana.request('GET', '/api/v1/calls?q=Dropped')).json();
      saved = list.items.find((c: { title: string }) => c.title.startsWith('Dropped call'));
      if (!saved) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(saved, 'the dropped session was stored');
    assert.equal(saved.title, 'Dropped call (connection lost).json');
    const call = (await dana.request('GET', `/api/v1/calls/${saved.id}`)).json() as CallDetail;
    const batch = analyze(JSON.stringify({ segments: sent }), { rep: ['Dana Reyes'] });
    assert.ok(batch.moments.length > 0);
    assert.deepEqual(call.analysis.moments, batch.moments, 'every caption sent was kept');
  });

  test('a token works; a stored call is replayed at speed and saved as its replay', async () => {
    const manager = await s.login('manager@test.io');
    const upload = await manager.request('POST', '/api/v1/calls', {
      filename: 'upload.txt',
      content: sampleCall('Dana Reyes', 'Jordan Blake', ' (replay)'),
      repId: s.cast.repA.id,
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const id = upload.json().id as number;
    const admin = await s.login('admin@test.io');
    const { token } = (
      await admin.request('POST', '/api/v1/tokens', { name: 'live', userId: s.cast.manager.id })
    ).json();
    const r = await open(base, { authorization: `Bearer ${token}` }, (ws) => {
      ws.send(JSON.stringify({ type: 'replay', callId: id, speed: 0 }));
    });
    const cards = r.messages.filter((m) => m.type === 'card').map((m) => m.turn);
    const stored = (await manager.request('GET', `/api/v1/calls/${id}`)).json() as CallDetail;
    assert.deepEqual(
      cards,
      stored.analysis.moments.map((m) => m.turn),
    );
    const summary = r.messages[r.messages.length - 1] as Msg & { call: { id: number } };
    const saved = (
      await manager.request('GET', `/api/v1/calls/${summary.call.id}`)
    ).json() as CallDetail;
    assert.equal(saved.title, 'Replay of upload.txt.json');
    assert.deepEqual(saved.analysis.moments, stored.analysis.moments);
  });

  test("a rep cannot replay another team's call", async () => {
    const chris = await s.login('chris@test.io');
    const mine = await chris.request('POST', '/api/v1/calls', {
      filename: 'chris.txt',
      content: sampleCall('Chris Park', 'Jordan Blake'),
    });
    assert.equal(mine.statusCode, 201, mine.body);
    const r = await open(base, cookie, (ws) => {
      ws.send(JSON.stringify({ type: 'replay', callId: mine.json().id }));
      ws.send(JSON.stringify({ type: 'end' }));
    });
    const error = r.messages.find((m) => m.type === 'error');
    assert.match(String(error?.message), /no call \d+ that you may see/);
    const summary = r.messages[r.messages.length - 1];
    assert.equal(summary.type, 'summary');
    assert.equal(summary.call, undefined);
  });
});
