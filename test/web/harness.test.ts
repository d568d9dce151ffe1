/** The browser tests share the web app `npm test` built once, and never rebuild it. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { webBuild } from './harness.js';

function withShared<T>(folder: string, fn: () => T): T {
  const before = process.env.WALKPOINT_TEST_WEB;
  process.env.WALKPOINT_TEST_WEB = folder;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.WALKPOINT_TEST_WEB;
    else process.env.WALKPOINT_TEST_WEB = before;
  }
}

test('WALKPOINT_TEST_WEB names a built app: the harness serves it and builds nothing', () => {
  const shared = mkdtempSync(join(tmpdir(), 'walkpoint-shared-web-'));
  const own = mkdtempSync(join(tmpdir(), 'walkpoint-own-'));
  try {
    writeFileSync(join(shared, 'index.html'), '<!doctype html><title>built once</title>');
    const started = performance.now();
    assert.equal(
      withShared(shared, () => webBuild(own)),
      shared,
    );
    assert.equal(existsSync(join(own, 'web')), false, 'no build of its own');
    assert.ok(performance.now() - started < 1000, 'no vite build ran');
  } finally {
    rmSync(shared, { recursive: true, force: true });
    rmSync(own, { recursive: true, force: true });
  }
});

test('WALKPOINT_TEST_WEB naming a folder without a built app is a clear error', () => {
  const empty = mkdtempSync(join(tmpdir(), 'walkpoint-empty-web-'));
  try {
    assert.throws(
      () => withShared(empty, () => webBuild(empty)),
      (e: Error) =>
        e.message === `WALKPOINT_TEST_WEB=${empty} holds no built web app (no index.html)`,
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
