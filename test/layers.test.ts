/**
 * What the build ships: test helpers and training tools stay out of dist/ (tsconfig.build.json
 * excludes them) and nothing that ships imports them. And folder-level imports in src/ may
 * only point one way. The pairs that still point both ways
 * are listed below, each with why; the list may only shrink: a new pair fails, and so does a
 * listed pair that no longer exists (take it off the list). Test files are left out.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const src = resolve(new URL('../src', import.meta.url).pathname);

/** Two-way folder pairs not yet untangled ("a <-> b", a before b): none are left. */
const KNOWN: Record<string, string> = {};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The relative import specifiers of a source file. */
function relativeImports(f: string): string[] {
  const text = readFileSync(f, 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)].map(
    (m) => m[1],
  );
}

/** Folder-level imports, "a -> b", each with one import that makes it. */
function folderEdges(): Map<string, string> {
  const folder = (f: string) => relative(src, dirname(f)) || '.';
  const edges = new Map<string, string>();
  for (const f of files(src)) {
    for (const spec of relativeImports(f)) {
      const to = folder(resolve(dirname(f), spec));
      const from = folder(f);
      if (from !== to && !edges.has(`${from} -> ${to}`)) {
        edges.set(`${from} -> ${to}`, `${relative(src, f)} imports ${spec}`);
      }
    }
  }
  return edges;
}

function twoWayPairs(): Map<string, string[]> {
  const edges = folderEdges();
  const pairs = new Map<string, string[]>();
  for (const [edge, example] of edges) {
    const [a, b] = edge.split(' -> ');
    const back = edges.get(`${b} -> ${a}`);
    if (a < b && back) pairs.set(`${a} <-> ${b}`, [example, back]);
  }
  return pairs;
}

/** A cycle of three or more folders (the known pairs left out), as the imports that make it. */
function longerCycle(): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const edge of folderEdges().keys()) {
    const [a, b] = edge.split(' -> ');
    if (`${a} <-> ${b}` in KNOWN || `${b} <-> ${a}` in KNOWN) continue;
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (at: string): string[] | undefined => {
    const i = path.indexOf(at);
    if (i >= 0) return [...path.slice(i), at];
    if (done.has(at)) return undefined;
    path.push(at);
    for (const to of next.get(at) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(at);
    return undefined;
  };
  for (const start of next.keys()) {
    const cycle = visit(start);
    if (cycle) return cycle;
  }
  return undefined;
}

test('no folder imports a folder that imports it back, beyond the known list', () => {
  const pairs = twoWayPairs();
  const added = [...pairs]
    .filter(([k]) => !(k in KNOWN))
    .map(([k, why]) => `${k}: ${why.join('; ')}`);
  assert.deepEqual(added, [], 'new two-way imports between folders: point them one way');
  const gone = Object.keys(KNOWN).filter((k) => !pairs.has(k));
  assert.deepEqual(gone, [], 'untangled pairs: take them off KNOWN in test/layers.test.ts');
});

test('no longer cycle of folders either (a -> b -> c -> a)', () => {
  assert.deepEqual(
    longerCycle(),
    undefined,
    'a cycle of folders: point one of its imports the other way',
  );
});

test('src/core, below every stage, imports from no other folder of src', () => {
  const core = join(src, 'core');
  const up: string[] = [];
  for (const f of files(core)) {
    for (const spec of relativeImports(f)) {
      if (relative(core, dirname(resolve(dirname(f), spec))) !== '') {
        up.push(`${relative(src, f)} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(up, [], 'core is the floor: move what it needs into core');
});

test('test helpers and training tools are not built into dist, and nothing shipped needs them', () => {
  const build = JSON.parse(
    readFileSync(new URL('../tsconfig.build.json', import.meta.url), 'utf8'),
  ) as { exclude: string[] };
  const helpers = build.exclude.filter((e) => !e.includes('*'));
  assert.deepEqual([...helpers].sort(), [
    'src/cli/testing.ts',
    'src/detect/table.ts',
    'src/server/testing.ts',
    'src/training/crossval.ts',
  ]);
  const root = resolve(src, '..');
  const excluded = new Set(helpers.map((h) => resolve(root, h)));
  const offenders: string[] = [];
  for (const f of files(src)) {
    if (excluded.has(f)) continue;
    const text = readFileSync(f, 'utf8');
    for (const [, spec] of text.matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(f), spec).replace(/\.js$/, '.ts');
      if (excluded.has(target)) offenders.push(`${relative(src, f)} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, [], 'shipped code imports a file the build leaves out');
});

test('npm test type-checks everything once: tsconfig.test.json covers what the build leaves out', () => {
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8'));
  const all = read('tsconfig.json') as { include: string[] };
  const build = read('tsconfig.build.json') as { include: string[]; exclude: string[] };
  const tests = read('tsconfig.test.json') as {
    include: string[];
    references: { path: string }[];
  };
  assert.deepEqual(tests.references, [{ path: './tsconfig.build.json' }]);
  // what the build leaves out of src, and every other folder tsconfig.json checks
  const outsideBuild = [
    ...build.exclude,
    ...all.include.filter((i) => !build.include.includes(i)),
  ].sort();
  assert.deepEqual([...tests.include].sort(), outsideBuild);
});
