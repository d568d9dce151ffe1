/**
 * Practice: role-play walk-points against simulated prospects. Pure functions over a
 * serialisable session, so the CLI and a server drive the same simulator.
 */
export {
  type DebriefMoment,
  momentOf,
  type PracticeReport,
  practiceReport,
  scoredReport,
  sessionTranscript,
} from './debrief.js';
export { analyzeSession, type PracticeTurn, transcriptOf } from './grade.js';
export {
  DIFFICULTIES,
  type Difficulty,
  listScenarios,
  loadScenario,
  loadScenarios,
  OUTCOMES,
  type Outcome,
  parseScenario,
  readScenarioFile,
  SCENARIO_DIR,
  type Scenario,
  type ScenarioSummary,
  scenarioTriggers,
} from './scenario.js';
export {
  type PracticeSession,
  playReplies,
  type ReplyGrade,
  type StartOptions,
  startSession,
  submitReply,
} from './session.js';
export { TOPICS, type Topic } from './topics.js';
