#!/usr/bin/env node
// `npm start`: builds what is missing or stale (the library with tsc, the web app with vite),
// then serves the web app and API on http://localhost:4173 (PORT overrides) over the SQLite
// database at WALKPOINT_DB (default ./.walkpoint/walkpoint.db), or PostgreSQL when WALKPOINT_DB
// is a postgres:// URL, seeded with a demo team on first run. Runs until SIGINT/SIGTERM, which close the database cleanly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Newest modification time under `path` (a file or folder), 0 when missing. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

function run(cmd, args, what) {
  console.log(`Building ${what}...`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: building ${what} failed (see above)`);
    process.exit(r.status ?? 1);
  }
}

const built = join(root, 'dist/server/serve.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  run('npm', ['run', 'build', '--silent'], 'the library (tsc)');
}
const webIndex = join(root, 'web/dist/index.html');
const webSources = Math.max(
  newest(join(root, 'web/src')),
  newest(join(root, 'web/index.html')),
  newest(join(root, 'web/vite.config.ts')),
);
if (!existsSync(webIndex) || webSources > statSync(webIndex).mtimeMs) {
  run(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'],
    'the web app (vite)',
  );
}

const { serve, closeOnSignals } = await import(
  new URL('../dist/server/serve.js', import.meta.url).href
);
try {
  const running = await serve({
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
    host: process.env.HOST,
  });
  closeOnSignals(running);
} catch (e) {
  // A locked or read-only database, or a busy port: one clear line, no crash loop.
  const msg =
    e?.code === 'EADDRINUSE' ? `port ${e.port} is in use; set PORT to another one` : e?.message;
  console.error(`walkpoint: ${msg ?? e}`);
  process.exit(2);
}
