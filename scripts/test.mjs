#!/usr/bin/env node
// `npm test`: lint, type-check, then every test file with node's test runner, against SQLite
// and a throwaway PostgreSQL cluster (scripts/pg-cluster.mjs, WALKPOINT_TEST_PG). Prints the
// plain verdict line CI reads ("N passed, N failed") and fails when no test ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from './pg-cluster.mjs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args, opts = {}) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
};

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

let failed = false;
if (run('npx', ['biome', 'check', '.']) !== 0) failed = true;
if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) failed = true;
if (run('npm', ['run', 'check-data', '--silent']) !== 0) failed = true;
if (run('npm', ['run', 'build', '--silent']) !== 0) failed = true;

const files = ['src', 'test', 'bench', 'fuzz'].flatMap((d) => {
  try {
    return testFiles(d);
  } catch {
    return [];
  }
});
// The storage, API and access suites run on PostgreSQL too. A cluster that cannot start is a
// failure, never a silent skip. It is stopped and removed however the run ends.
let cluster;
if (process.env.WALKPOINT_TEST_PG) {
  console.log('\nPostgreSQL: using WALKPOINT_TEST_PG from the environment');
} else {
  try {
    cluster = await startCluster({ log: (l) => console.log(`\n${l}`) });
  } catch (e) {
    console.error(`\nnpm test: could not start the test PostgreSQL: ${e.message}`);
    failed = true;
  }
}
const stopCluster = () => cluster?.stop();
process.once('exit', stopCluster);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopCluster();
    process.exit(1);
  });
}

const tap = join(mkdtempSync(join(tmpdir(), 'walkpoint-test-')), 'report.tap');
const status = run(
  'node',
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  cluster ? { env: { ...process.env, WALKPOINT_TEST_PG: cluster.url } } : {},
);
if (status !== 0) failed = true;
stopCluster();
cluster = undefined;

const report = readFileSync(tap, 'utf8');
const num = (label) => Number(report.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
const passed = num('pass');
const failures = num('fail');
console.log(`\n${passed} passed, ${failures} failed`);
if (passed === 0) {
  console.error('no test ran: that is a failure');
  failed = true;
}
if (failed) {
  console.error('npm test: FAILED (see above: lint, type-check, build or tests)');
  process.exit(1);
}
