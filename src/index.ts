/** The public library API of walkpoint. A test pins this list: add freely, never remove. */
export { analyze, ENGINE_VERSION } from './analyze.js';
export { annotate, annotateTurn } from './annotate/index.js';
export { listQuestions, suggest } from './coach/index.js';
export { detect, detectors } from './detect/index.js';
export { isWalkpointError, WalkpointError } from './errors.js';
export { findMoments } from './moments/index.js';
export { detectFormat, parseTranscript, toTurns } from './parse/index.js';
export { assignRoles } from './roles/index.js';
export { computeMetrics, computeScore } from './score/index.js';
export type * from './types.js';
export * from './vocabulary.js';
