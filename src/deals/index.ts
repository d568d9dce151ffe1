/** Deal review ("abandon hope"): the rubric, evidence from calls, the band and the call plan. */

export {
  type EvidenceItem,
  FINDERS,
  type LinkedCall,
  type Proposal,
  proposeEvidence,
} from './evidence/index.js';
export { type LoadedDeal, loadDeal, readDealFile, reviewDealFile } from './load.js';
export { callPlan, type PlanInput, type PlanQuestion, type PlanStep } from './plan.js';
export { renderDealReview } from './render.js';
export { type DealReview, type RubricLine, reviewDeal } from './review.js';
export {
  CRITERIA,
  CRITERION_IDS,
  type Criterion,
  type CriterionId,
  PLAN_ORDER,
} from './rubric/criteria.js';
export {
  BANDS,
  type Band,
  type BandVerdict,
  bandFor,
  type CriterionScore,
} from './rubric/rubric.js';
export { type Deal, type DealCallRef, type ManualScore, parseDeal } from './schema.js';
