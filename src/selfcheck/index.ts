/** The mindset self-check: twelve statements, three subscales, compared with calls. */
export {
  type BehaviourGap,
  type CallsComparison,
  compareWithCalls,
  type GapKind,
} from './compare.js';
export {
  appendHistory,
  defaultHistoryPath,
  type HistoryEntry,
  historyEntry,
  readHistory,
} from './history.js';
export {
  type ItemBehaviour,
  loadSelfCheck,
  type SelfCheckData,
  type SelfCheckItem,
} from './items.js';
export { renderSelfCheck } from './render.js';
export {
  type Answer,
  bandOf,
  type ItemResult,
  parseAnswers,
  type SelfCheckResult,
  type SubscaleResult,
  scoreSelfCheck,
} from './score.js';
