#!/usr/bin/env node
// `npm test`: lint, type-check and build, then every test file with node's test runner, against
// SQLite and a throwaway PostgreSQL cluster (scripts/pg-cluster.mjs, WALKPOINT_TEST_PG). Prints
// the plain verdict line CI reads ("N passed, N failed") and fails when no test ran.
//
// Where the time went (33 minutes on 3 December 2026, a loaded 2-core machine), and what is
// spent once now: one `tsc -b tsconfig.test.json` type-checks the tests and builds dist/ (the
// tests are checked against the build's declarations; a second run redoes only what changed),
// and it runs beside the tests, since no test reads dist/; the web app is built once into a
// temp folder every browser test serves (WALKPOINT_TEST_WEB, test/web/harness.ts); lint,
// check-data, the web build and PostgreSQL start side by side; the test files run
// WALKPOINT_TEST_CONCURRENCY at a time (default: one per core; more made the tests that hold
// an analysis to a time budget fail on a shared machine).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from './pg-cluster.mjs';

const root = new URL('..', import.meta.url).pathname;
const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const run = (cmd, args, opts = {}) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
};

/** The steps that failed, named in the last line. */
const failedSteps = [];

/** Runs a step beside the others; its output is printed in one piece when it ends. */
function step(name, cmd, args) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const done = (status) => {
      console.log(`\n${name}: $ ${cmd} ${args.join(' ')}  (${seconds(t0)}, exit ${status})`);
      if (out.trim()) console.log(out.trimEnd());
      if (status !== 0) failedSteps.push(name);
      resolve(status);
    };
    child.on('error', (e) => {
      out += String(e);
      done(1);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

function testFiles(dir) {
  const out = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures') out.push(...testFiles(rel));
    } else if (/\.test\.ts$/.test(entry.name)) out.push(rel);
  }
  return out;
}

// The browser tests need Debian's chromium; as root (CI) install it when missing. Elsewhere the
// browser tests skip with a message instead.
if (!existsSync('/usr/bin/chromium') && process.getuid?.() === 0) {
  run('sh', ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium']);
}

const scratch = mkdtempSync(join(tmpdir(), 'walkpoint-test-'));
const web = join(scratch, 'web');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

// The storage, API and access suites run on PostgreSQL too. A cluster that cannot start is a
// failure, never a silent skip. It is stopped and removed however the run ends.
let cluster;
const stopCluster = () => cluster?.stop();
process.once('exit', () => {
  stopCluster();
  rmSync(scratch, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(1));
}
async function postgres() {
  if (process.env.WALKPOINT_TEST_PG) {
    console.log('\nPostgreSQL: using WALKPOINT_TEST_PG from the environment');
    return 0;
  }
  try {
    cluster = await startCluster({ log: (l) => console.log(`\n${l}`) });
    return 0;
  } catch (e) {
    console.error(`\nnpm test: could not start the test PostgreSQL: ${e.message}`);
    failedSteps.push('PostgreSQL');
    return 1;
  }
}

const node = process.execPath;
// No test reads dist/, so the type-check and build runs beside the tests; the verdict waits for it.
const typecheck = step('type-check and build', node, [
  bin('typescript', 'bin/tsc'),
  '-b',
  'tsconfig.test.json',
]);
const prepared = await Promise.all([
  step('lint', node, [bin('@biomejs/biome', 'bin/biome'), 'check', '.']),
  step('check-data', node, ['--import', 'tsx', 'scripts/check-data.ts']),
  step('web build', node, [
    bin('vite', 'bin/vite.js'),
    'build',
    'web',
    '--outDir',
    web,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]),
  postgres(),
]);
let failed = prepared.some((status) => status !== 0);
console.log(`\nlint, check-data, the web app and PostgreSQL ready: ${seconds(started)}`);

// (Node 20 runs the files in path order whatever order they are given in: fuzz/, src/, test/,
// the browser tests last.)
const files = ['src', 'test', 'bench', 'fuzz'].flatMap((d) => {
  try {
    return testFiles(d);
  } catch {
    return [];
  }
});
const concurrency = Number(process.env.WALKPOINT_TEST_CONCURRENCY ?? availableParallelism());
const env = { ...process.env };
if (cluster) env.WALKPOINT_TEST_PG = cluster.url;
if (existsSync(join(web, 'index.html'))) env.WALKPOINT_TEST_WEB = web;
const tap = join(scratch, 'report.tap');
const testsStarted = performance.now();
console.log(
  `\n$ node --import tsx --test --test-concurrency=${concurrency} ... (${files.length} files)`,
);
const status = await new Promise((resolve) => {
  const child = spawn(
    node,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, env, stdio: 'inherit' },
  );
  child.on('error', () => resolve(1));
  child.on('close', (code) => resolve(code ?? 1));
});
if (status !== 0) {
  failed = true;
  failedSteps.push('tests');
}
stopCluster();
cluster = undefined;
const testsTook = seconds(testsStarted);
if ((await typecheck) !== 0) failed = true;

const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const num = (label) => Number(report.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
const passed = num('pass');
const failures = num('fail');
console.log(
  `\n${files.length} test files, ${concurrency} at a time: ${testsTook}; npm test in all: ${seconds(started)}`,
);
console.log(`\n${passed} passed, ${failures} failed`);
if (passed === 0) {
  console.error('no test ran: that is a failure');
  failed = true;
  failedSteps.push('no test ran');
}
if (failed) {
  console.error(`npm test: FAILED (${failedSteps.join(', ') || 'see above'})`);
  process.exit(1);
}
