import type { ResponseKind, Role, TranscriptFormat, TriggerKind } from './vocabulary.js';

/** One cue or line as a parser read it, before consecutive cues of a speaker are merged. */
export interface Segment {
  speaker: string;
  text: string;
  /** Seconds from the start of the call, when the format has times. */
  start?: number;
  end?: number;
  /** 1-based line in the source file where the segment starts (for error messages). */
  line: number;
}

/** What a parser returns: the detected format and the segments in order. */
export interface ParsedTranscript {
  format: TranscriptFormat;
  segments: Segment[];
  /** Speaker names the format declares (JSON `participants`), even if silent. */
  participants?: string[];
  /** Non-fatal oddities worth telling the user (e.g. a cue with a broken timestamp skipped). */
  warnings: string[];
}

/** A turn: consecutive segments of one speaker merged. `index` is its position in `turns`. */
export interface Turn {
  index: number;
  speaker: string;
  role: Role;
  start?: number;
  end?: number;
  text: string;
  /** 1-based source line of the turn's first segment. */
  line?: number;
}

export interface Speaker {
  name: string;
  role: Role;
  /** 0..1: how sure the role assignment is (1 when given with --rep). */
  roleConfidence: number;
  /** Share of all words spoken, 0..1. */
  talkShare: number;
  words: number;
  turns: number;
  /** Why the role was inferred (cues counted), for explainability. */
  roleEvidence?: string[];
}

/** A sentence of a turn with its tokens, as the annotate stage produced it. */
export interface Sentence {
  /** Character offsets into the turn's text. */
  start: number;
  end: number;
  text: string;
  /** Lower-cased normalised tokens (contractions expanded: "n't" -> "not"). */
  tokens: Token[];
  /** The sentence reads as a question (with or without a question mark). */
  question: boolean;
  /**
   * Why it reads as a question (e.g. `question-mark`, `wh-question`, `aux-inversion`), or
   * `embedded-question` for a question clause inside a run-on sentence, which does not make the
   * sentence count as a question.
   */
  questionCue?: string;
  /** Some token in the sentence is under negation. */
  negated: boolean;
}

export interface Token {
  /** Text as written. */
  value: string;
  /** Lower-case normal form ("n't" -> "not", "'re" -> "are"). */
  normal: string;
  /** Offset into the turn text. */
  start: number;
  end: number;
  kind: 'word' | 'number' | 'punctuation' | 'symbol' | 'other';
  negated: boolean;
}

export interface AnnotatedTurn extends Turn {
  sentences: Sentence[];
  words: number;
}

export interface Conversation {
  source: { file?: string; format: TranscriptFormat; bytes: number };
  speakers: Speaker[];
  turns: AnnotatedTurn[];
  warnings: string[];
}

/** A finding on one utterance, built only by `report()` (src/detect/report.ts). */
export interface Finding {
  turn: number;
  /** A finding kind, with a subtype after a colon: `objection:price`. */
  kind: string;
  /** Character span in the turn's text: [start, end). */
  span: [number, number];
  /** The text of the span. */
  quote: string;
  confidence: number;
  /** Id of the pattern or model feature that fired. */
  reason: string;
  /** The detector that produced it (its file name). */
  detector: string;
  /** A sentence a manager can read: why this was flagged. */
  explanation: string;
  role: Role;
  /**
   * Set when a cue pattern fired but the trained model is sure the sentence holds no trigger:
   * why the finding did not become a walk-point. Kept so a manager can see and dispute it.
   */
  overruled?: string;
}

export interface MomentTrigger {
  kind: TriggerKind;
  subtype?: string;
  /** Character span of the cue in the turn's text: [start, end). */
  span: [number, number];
  /**
   * The whole sentence(s) holding the cue, never a piece of one; a long run of sentences is cut
   * at a sentence boundary and ends in " …".
   */
  quote: string;
  confidence: number;
  reason: string;
}

export interface MomentResponse {
  kind: ResponseKind;
  /** The rep turn the grade rests on (absent for `none`). */
  turn?: number;
  /** The rep's words the grade rests on. */
  evidence: string;
  /** Finding reasons that decided the grade. */
  reasons: string[];
  explanation: string;
  confidence: number;
  /**
   * The engine's own reasoning for the grade (patterns, model features and probabilities), for
   * `--format json` and the details toggle; `explanation` says it in a coach's words.
   */
  details?: string;
}

export interface Suggestion {
  text: string;
  why: string;
  /** Question-bank entry id. */
  id: string;
}

export interface Moment {
  turn: number;
  speaker: string;
  trigger: MomentTrigger;
  response: MomentResponse;
  /** Nothing-to-lose moves (for a moment not handled with a challenge). */
  suggestions: Suggestion[];
  /** For a moment handled well: what worked. */
  praise?: string;
  /**
   * 0..1: how likely the moment is right, trigger and grade together (calibrated on
   * conversations the project did not write; see `walkpoint eval` on an outside set).
   */
  confidence: number;
  /** The engine is not sure of the trigger or the grade: show "unsure: review", not the grade. */
  needsReview: boolean;
  /** Why the engine is unsure, in plain words (present when `needsReview`). */
  reviewReason?: string;
}

export interface Metrics {
  durationSeconds?: number;
  repTalkShare: number;
  repTurns: number;
  prospectTurns: number;
  questions: number;
  toughQuestions: number;
  questionsPerRepTurn: number;
  toughQuestionsPerRepTurn: number;
  questionsPer10Min?: number;
  toughQuestionsPer10Min?: number;
  longestRepMonologue: { turn: number; words: number; seconds?: number } | null;
  longestProspectStretch: { turn: number; words: number; seconds?: number } | null;
  momentsByResponse: Record<ResponseKind, number>;
  momentsByTrigger: Record<TriggerKind, number>;
  happyEars: number;
  endsWithNextStep: boolean;
  /** Where the next step was agreed: the sentence it was agreed in. */
  nextStep?: { turn: number; quote: string };
}

export interface Score {
  /** 0..100, see docs/scoring.md. */
  willingToWalk: number;
  /** Each component's points, so the number can be explained. */
  components: { id: string; label: string; points: number; max: number; detail: string }[];
}

export interface Analysis {
  version: 1;
  engine: { name: 'walkpoint'; version: string };
  source: { file?: string; format: TranscriptFormat; bytes: number };
  speakers: Speaker[];
  turns: Turn[];
  findings: Finding[];
  moments: Moment[];
  metrics: Metrics;
  score: Score;
  warnings: string[];
}

export interface AnalyzeOptions {
  /** Names (case-insensitive, a unique first name is enough) of the salespeople. */
  rep?: string[];
  /** The file name, for messages and `source.file`. */
  file?: string;
  /** Detector ids to leave out (evaluation: what does the trained model add over the rules?). */
  skipDetectors?: string[];
}
