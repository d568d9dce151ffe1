/**
 * The coach: nothing-to-lose moves for each walk-point, from the question bank
 * (data/question-bank.json), and a line of praise for a moment handled well (data/praise.json).
 */
export {
  loadQuestionBank,
  parseQuestionBank,
  type QuestionEntry,
  TECHNIQUES,
  type Technique,
} from './bank.js';
export { quoteFragment } from './fragment.js';
export { type PraiseFor, praise, techniqueOf } from './praise.js';
export { knownTriggers, listQuestions, type SuggestFor, suggest } from './suggest.js';
