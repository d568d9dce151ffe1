/**
 * What every browser test needs: the web app built once by `npm test` (run by hand, a test file
 * builds it into a folder of its own, so parallel test files never race on web/dist), the real
 * server on a fresh seeded database, and Debian's chromium through playwright-core with the
 * flags this machine needs. Screenshots go to test-results/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/seed.js';
import { type Running, serve } from '../../src/server/serve.js';

export const CHROMIUM = '/usr/bin/chromium';
export const root = new URL('../..', import.meta.url).pathname;
export const shots = join(root, 'test-results');
export { DEMO_PASSWORD };

/** Only a non-root machine without chromium may skip; CI runs as root and installs it first. */
export const skip =
  !existsSync(CHROMIUM) && process.getuid?.() !== 0
    ? `${CHROMIUM} is missing (apt-get install chromium)`
    : false;

export interface App {
  /** A temporary folder of the test's own, removed by close(). */
  dir: string;
  server: Running;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * The built web app for a test: the folder `npm test` built once for every browser test
 * (WALKPOINT_TEST_WEB, read-only here), or else a vite build into `dir` of the test's own, as a
 * test file run by hand needs.
 */
export function webBuild(dir: string): string {
  const shared = process.env.WALKPOINT_TEST_WEB;
  if (shared) {
    if (!existsSync(join(shared, 'index.html'))) {
      throw new Error(`WALKPOINT_TEST_WEB=${shared} holds no built web app (no index.html)`);
    }
    return shared;
  }
  const webRoot = join(dir, 'web');
  const build = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      'web',
      '--outDir',
      webRoot,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  assert.equal(build.status, 0, 'vite build of the web app failed');
  return webRoot;
}

export async function openApp(name: string): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), `walkpoint-${name}-`));
  mkdirSync(shots, { recursive: true });
  const webRoot = webBuild(dir);
  const server = await serve({ dbPath: join(dir, 'w.db'), port: 0, webRoot, log: () => {} });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    dir,
    server,
    context,
    page,
    async close() {
      await context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in as `email` with the demo password (signing out first if someone is signed in). */
export async function signIn(app: App, email: string): Promise<void> {
  const { page } = app;
  await page.goto(app.server.url);
  const out = page.getByRole('button', { name: 'Sign out' });
  const form = page.getByLabel('Email');
  // the app first asks who is signed in: wait for either answer before choosing
  await form.or(out).first().waitFor();
  if (await out.isVisible()) {
    await out.click();
    await form.waitFor();
  }
  await form.fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Polls `check` from the test's side until it holds. (Playwright's string predicates are
 * evaluated with eval in the page, which the app's Content Security Policy rightly refuses.)
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The title of a seeded call in which the trained model overruled a cue pattern (the page must
 * be signed in). Which sentences the model overrules changes with every retrain, so tests ask
 * for one instead of naming a file. No named functions inside evaluate: the test's compiler
 * would wrap them in a helper the page does not have.
 */
export async function callWithOverruledPattern(page: Page): Promise<string> {
  const title = await page.evaluate(async () => {
    const list = (await (await fetch('/api/v1/calls?pageSize=100')).json()) as {
      items: { id: number; title: string }[];
    };
    for (const c of list.items) {
      const call = (await (await fetch(`/api/v1/calls/${c.id}`)).json()) as {
        analysis: { findings: { overruled?: string }[] };
      };
      if (call.analysis.findings.some((f) => f.overruled)) return c.title;
    }
    return undefined;
  });
  assert.ok(title, 'the shipped model overrules a pattern in at least one seeded call');
  return title;
}
