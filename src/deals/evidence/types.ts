import type { Analysis } from '../../core/types.js';
import type { CriterionId } from '../rubric/criteria.js';
import type { CriterionScore } from '../rubric/rubric.js';

/** An analysed call linked to a deal; `label` names it in the report (usually its file). */
export interface LinkedCall {
  label: string;
  analysis: Analysis;
}

/** One piece of evidence found on a call: who said what, where, and which pattern fired. */
export interface EvidenceItem {
  piece: string;
  /** `stated` counts toward a 2 (the prospect's own words); `vague` is said but unverified. */
  strength: 'stated' | 'vague';
  quote: string;
  /** Index into the deal's calls, and the turn in that call. */
  call: number;
  turn: number;
  speaker: string;
  /** Character span of the quoted sentence in the turn's text, [start, end). */
  span?: [number, number];
  /** Id of the pattern that fired. */
  reason: string;
  /** Why the pattern counts, in words a rep can read. */
  note: string;
}

/** A proposed score for one criterion, with the evidence and what is still missing. */
export interface Proposal {
  criterion: CriterionId;
  score: CriterionScore;
  evidence: EvidenceItem[];
  /** Pieces a 2 needs that no call shows in the prospect's words. */
  missing: string[];
  /** Evidence against (e.g. a "not until July" that looks like a why-now date). */
  counter: EvidenceItem[];
  /** One sentence: why this score. */
  why: string;
}

/** A phrase pattern matched in a sentence of a turn (most evidence is configuration). */
export interface Cue {
  id: string;
  piece: string;
  strength: 'stated' | 'vague';
  pattern: RegExp;
  /** Must also match in the same sentence or the one before it, in the same turn. */
  near?: RegExp;
  /** Vetoes the match when it matches the sentence (conditionals, negation). */
  unless?: RegExp;
  /** A finding of this kind overlapping the sentence turns the match into counter-evidence. */
  counterFinding?: RegExp;
  /** Whose words count; the prospect's unless said otherwise. */
  role?: 'prospect' | 'rep';
  note: string;
}

/**
 * A rep question about the criterion (data/deals/*.json `questions`): the first sentence of the
 * prospect's answer that says something ("Me.", "Snowflake.", "Second week of March.") is
 * evidence, unless the engine read the answer as a dodge (withholding, brush-off, stall).
 */
export interface QuestionCue {
  id: string;
  piece: string;
  strength: 'stated' | 'vague';
  pattern: RegExp;
  unless?: RegExp;
  /** Answered when the rep proposes it, question or not ("I'll check in next week" / "Sounds good"). */
  statement?: boolean;
  /** The answer must say this (a yes to the time proposed). */
  answer?: RegExp;
  /** The rep's question is evidence too (in the rep's words: vague). */
  quoteQuestion?: boolean;
  note: string;
}

/** An engine finding (by kind) that counts as evidence. */
export interface FindingCue {
  id: string;
  piece: string;
  strength: 'stated' | 'vague';
  kind: RegExp;
  /** The finding's sentence must also say one of these (an authority objection that names someone). */
  sentence?: RegExp;
  /** The finding's sentence must not say this (a deferral to "the team" names nobody). */
  unless?: RegExp;
  note: string;
}

/** Everything that proposes one criterion: cues, finding cues, custom finders, a score rule. */
export interface CriterionFinder {
  criterion: CriterionId;
  cues: Cue[];
  questions?: QuestionCue[];
  findingCues?: FindingCue[];
  /** Evidence no single-sentence pattern can see (e.g. a range the rep offered and the prospect confirmed). */
  extra?: (calls: LinkedCall[]) => EvidenceItem[];
  /** Overrides the default rule (2 = every piece stated, 1 = anything found, 0 = nothing). */
  score?: (evidence: EvidenceItem[]) => CriterionScore;
}
