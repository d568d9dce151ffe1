import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

/**
 * Writes `content` to `path` through a temp file in the same folder and a rename, so a failed
 * run never leaves a half-written report behind.
 */
export function writeFileAtomic(path: string, content: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Report paths in `outDir`, one per input: `<name>.<ext>` from the input's name without its
 * extension. A name already taken in this run, or one that would overwrite an input, keeps the
 * input's extension too (`call.txt` -> `call.txt.txt`), then gets a counter.
 */
export function reportPaths(inputs: string[], outDir: string, ext: string): string[] {
  const taken = new Set(inputs.map((f) => resolve(f)));
  return inputs.map((input) => {
    const name = basename(input);
    const stem = name.slice(0, name.length - extname(name).length) || name;
    const candidates = [`${stem}.${ext}`, `${name}.${ext}`];
    for (let n = 2; ; n++) {
      const candidate = candidates.shift() ?? `${name}.${n}.${ext}`;
      const path = join(outDir, candidate);
      if (!taken.has(resolve(path))) {
        taken.add(resolve(path));
        return path;
      }
    }
  });
}
