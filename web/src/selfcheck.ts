/** What the self-check form says about the statements chosen so far. */

/**
 * The progress line under the self-check: `answers` holds a value per statement, `null` for one
 * the user skipped, `undefined` for one not chosen yet (which is scored as skipped when sent).
 */
export function selfCheckProgress(answers: readonly (number | null | undefined)[]): string {
  const answered = answers.filter((a) => typeof a === 'number').length;
  const skipped = answers.filter((a) => a === null).length;
  const open = answers.length - answered - skipped;
  const counts = `${answered} answered, ${skipped} skipped`;
  if (open === 0) return `All ${answers.length} statements chosen: ${counts}.`;
  const left = `${open} not chosen yet`;
  return `${counts}, ${left}; a statement left unchosen counts as skipped (it is left out of the scores).`;
}
