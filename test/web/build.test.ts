/** The web app type-checks, and never renders text as HTML. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

test('web/src type-checks (strict, DOM)', () => {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'web/tsconfig.json')],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('transcript text is always rendered as text: no innerHTML anywhere in the web app', () => {
  const files = sources(join(root, 'web/src'));
  assert.ok(files.length > 5);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert.equal(/dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(text), false, f);
  }
});
