/**
 * Where an import's transcripts come from: a folder (walked like `walkpoint analyze` walks one)
 * or a .zip (read with fflate, in batches, so a large archive is never all in memory unpacked).
 * Each file is named by its path inside the folder or zip, which is what the import records.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { WalkpointError } from '../../core/errors.js';
import { collectInputs, isTranscriptName } from '../../parse/inputs.js';

export interface Source {
  /** The absolute path: the same source imported again resumes its import. */
  key: string;
  /** Transcript files, by their path inside the source, sorted. */
  names: string[];
  /** Reads some files: each one's bytes, or why it could not be read. */
  read(names: string[]): Map<string, Uint8Array | Error>;
}

export function openSource(path: string): Source {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WalkpointError(
      'not-found',
      code === 'ENOENT' ? 'no such folder or zip; check the path' : `cannot read it (${code})`,
      { file: path },
    );
  }
  const key = realpathSync(path);
  if (stat.isDirectory()) return folderSource(path, key);
  let data: Uint8Array;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw new WalkpointError('not-found', `cannot read it (${(e as NodeJS.ErrnoException).code})`, {
      file: path,
    });
  }
  return zipSource(data, key, path);
}

function folderSource(path: string, key: string): Source {
  const files = collectInputs([path]).files;
  const byName = new Map(files.map((f) => [relative(path, f).split('\\').join('/'), f]));
  return {
    key,
    names: [...byName.keys()],
    read(names) {
      const out = new Map<string, Uint8Array | Error>();
      for (const name of names) {
        try {
          out.set(name, readFileSync(byName.get(name) ?? resolve(path, name)));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          out.set(name, new Error(`cannot read the file (${code ?? String(e)})`));
        }
      }
      return out;
    },
  };
}

const wanted = (name: string) =>
  !name.endsWith('/') &&
  !name.startsWith('__MACOSX/') &&
  !name.split('/').some((part) => part.startsWith('.')) &&
  isTranscriptName(name);

/** A zip's transcripts; `path` names it in messages. */
export function zipSource(data: Uint8Array, key: string, path: string): Source {
  const unzip = (keep: (name: string) => boolean) => {
    try {
      return unzipSync(data, { filter: (f) => keep(f.name) });
    } catch (e) {
      throw new WalkpointError(
        'bad-zip',
        `not a readable .zip (${(e as Error).message}); give a folder or a .zip of transcripts, and check that the archive is complete`,
        { file: path },
      );
    }
  };
  const names: string[] = [];
  unzip((name) => {
    if (wanted(name)) names.push(name);
    return false;
  });
  if (names.length === 0) {
    throw new WalkpointError(
      'no-transcripts',
      'no transcript files (.vtt .srt .txt .json .csv) in this zip',
      { file: path },
    );
  }
  names.sort();
  return {
    key,
    names,
    read(batch) {
      const out = new Map<string, Uint8Array | Error>();
      const want = new Set(batch);
      let files: Record<string, Uint8Array>;
      try {
        files = unzip((name) => want.has(name));
      } catch {
        // One damaged entry spoils the batch: read them one by one to find which.
        files = {};
        for (const name of batch) {
          try {
            Object.assign(
              files,
              unzip((n) => n === name),
            );
          } catch (e) {
            out.set(name, new Error(`cannot unpack it from the zip (${(e as Error).message})`));
          }
        }
      }
      for (const name of batch) {
        if (!out.has(name)) {
          out.set(name, files[name] ?? new Error('no longer in the zip'));
        }
      }
      return out;
    },
  };
}
