#!/usr/bin/env node
// The `walkpoint` command: runs the built CLI in dist/, which `npm run build` produces.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('walkpoint: the CLI is not built yet; run `npm run build` in the walkpoint folder');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
