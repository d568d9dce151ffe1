/**
 * Which labelled calls the shipped models learn from: the corpus calls of the train split and
 * every bundled example. The trainer reads these folders; `walkpoint eval` asks `trainsOn` so a
 * score on seen calls is never taken for a score on new ones.
 */
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
/** The bundled example calls: all of them train, whatever their split. */
export const EXAMPLES_DIR = fileURLToPath(new URL('examples', root));
/** The project's labelled calls: those of `TRAINING_SPLIT` train. */
export const CORPUS_CALLS_DIR = fileURLToPath(new URL('corpus/calls', root));
export const TRAINING_SPLIT = 'train';

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Whether the shipped models were trained on the call of this labels file (of that split). */
export function trainsOn(labelsFile: string, split: string | undefined): boolean {
  const dir = real(dirname(resolve(labelsFile)));
  if (dir === real(EXAMPLES_DIR)) return true;
  return split === TRAINING_SPLIT && dir === real(CORPUS_CALLS_DIR);
}
