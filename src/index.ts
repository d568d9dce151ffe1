/** The public library API of walkpoint. A test pins this list: add freely, never remove. */

export { annotate, annotateTurn } from './annotate/index.js';
export { listQuestions, suggest } from './coach/index.js';
export { isWalkpointError, WalkpointError } from './core/errors.js';
export type * from './core/types.js';
export * from './core/vocabulary.js';
export type {
  Band,
  Deal,
  DealReview,
  EvidenceItem,
  LinkedCall,
  PlanStep,
  Proposal,
  RubricLine,
} from './deals/index.js';
export {
  bandFor,
  CRITERIA,
  CRITERION_IDS,
  callPlan,
  parseDeal,
  proposeEvidence,
  reviewDeal,
  reviewDealFile,
} from './deals/index.js';
export { detect, detectors } from './detect/index.js';
export { analyze, ENGINE_VERSION } from './engine/analyze.js';
export { evaluateCalls, findLabelFiles, readLabels } from './eval/calls.js';
export { labelKinds } from './eval/label.js';
export { evaluateUtterances } from './eval/utterances.js';
export { findMoments } from './moments/index.js';
export { detectFormat, parseTranscript, toTurns } from './parse/index.js';
export type {
  DebriefMoment,
  PracticeReport,
  PracticeSession,
  ReplyGrade,
  Scenario,
  ScenarioSummary,
} from './practice/index.js';
export {
  listScenarios,
  loadScenario,
  OUTCOMES,
  parseScenario,
  playReplies,
  practiceReport,
  sessionTranscript,
  startSession,
  submitReply,
} from './practice/index.js';
export { assignRoles } from './roles/index.js';
export { computeMetrics, computeScore } from './score/index.js';
export type { CallsComparison, HistoryEntry, SelfCheckResult } from './selfcheck/index.js';
export {
  appendHistory,
  compareWithCalls,
  historyEntry,
  loadSelfCheck,
  parseAnswers,
  readHistory,
  scoreSelfCheck,
} from './selfcheck/index.js';
