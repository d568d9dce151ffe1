import { listQuestions } from '../coach/index.js';
import { WalkpointError } from '../core/errors.js';
import { TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import { renderQuestionBank } from '../render/index.js';
import type { Io } from './main.js';

/** `walkpoint questions [trigger]`: the question bank, as grouped text or a JSON array. */
export function questionsCommand(
  trigger: string | undefined,
  opts: { format: 'text' | 'json'; color: boolean },
  io: Io,
): number {
  const entries = listQuestions(trigger);
  if (trigger && entries.length === 0) {
    throw new WalkpointError(
      'unknown-trigger',
      `no questions for "${trigger}"; triggers are: ${knownTriggers().join(', ')}`,
    );
  }
  io.out.write(
    opts.format === 'json'
      ? `${JSON.stringify(entries, null, 2)}\n`
      : renderQuestionBank(entries, { color: opts.color && io.out.isTTY === true }),
  );
  return 0;
}

function knownTriggers(): string[] {
  return TRIGGER_KINDS.flatMap((kind) => [
    kind,
    ...TRIGGER_SUBTYPES[kind].map((subtype) => `${kind}:${subtype}`),
  ]);
}
