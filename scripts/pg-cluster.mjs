// A throwaway PostgreSQL cluster for `npm test` and `npm run bench:scale`: initdb in a fresh
// temp folder, listening on 127.0.0.1 only on a free port (its unix socket in the same folder),
// password (scram) authentication, stopped and removed by `stop()`. Runs as the `postgres` user
// when started as root, since initdb refuses root. Installs Debian's `postgresql` with apt-get
// when no server is found and we are root (as the test script does for chromium).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder (Debian layout), or undefined. */
function findBin() {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(PG_ROOT, versions[0], 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/** The bin folder, installing Debian's postgresql first when missing and we may. */
export function postgresBin({ install = true, log = () => {} } = {}) {
  let bin = findBin();
  if (!bin && install && isRoot()) {
    log('PostgreSQL is not installed: installing Debian package postgresql with apt-get');
    spawnSync(
      'sh',
      ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql'],
      { stdio: 'inherit' },
    );
    bin = findBin();
  }
  if (!bin) {
    throw new Error(
      `no PostgreSQL server under ${PG_ROOT}: install Debian's postgresql (apt-get install postgresql), or run as root so the script installs it`,
    );
  }
  return bin;
}

/** A port nothing listens on right now (the kernel's choice). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Runs a server binary, as `postgres` when we are root; throws with its output on failure. */
function runPg(bin, tool, args) {
  const cmd = isRoot() ? 'runuser' : join(bin, tool);
  const argv = isRoot() ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `${tool} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`,
    );
  }
  return r.stdout;
}

/**
 * Starts a cluster and resolves `{ url, dir, stop }`. `url` is a postgres:// URL to the
 * `postgres` database as the superuser `walkpoint`. `durable: false` (tests) turns fsync off;
 * the bench keeps PostgreSQL's defaults so its figures mean something.
 */
export async function startCluster({ durable = false, log = () => {} } = {}) {
  const bin = postgresBin({ log });
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-pg-'));
  let started = false;
  const data = join(dir, 'data');
  const stop = () => {
    if (started) {
      try {
        runPg(bin, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // already gone: removing the folder is what matters
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const owner = isRoot() ? postgresIds() : undefined;
    if (owner) chownSync(dir, ...owner);
    const password = randomBytes(18).toString('base64url');
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(pwfile, ...owner);
    runPg(bin, 'initdb', [
      '-D',
      data,
      '-U',
      'walkpoint',
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    rmSync(pwfile);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c max_connections=200',
      ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ];
    runPg(bin, 'pg_ctl', [
      'start',
      '-D',
      data,
      '-w',
      '-t',
      '60',
      '-l',
      join(dir, 'server.log'),
      '-o',
      settings.join(' '),
    ]);
    started = true;
    const url = `postgres://walkpoint:${password}@127.0.0.1:${port}/postgres`;
    log(`PostgreSQL (${bin}) listening on 127.0.0.1:${port}, data in ${data}`);
    return { url, dir, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

/** uid and gid of the `postgres` user, which runs the cluster when we are root. */
function postgresIds() {
  return [
    Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  ];
}
