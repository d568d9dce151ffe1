import type { AnnotatedTurn, Finding, Sentence } from '../core/types.js';
import type { FindingKind, Role } from '../core/vocabulary.js';

export interface DetectorMeta {
  /** The detector id: also its file name under src/detect/rules. */
  id: string;
  kind: FindingKind;
  /** Whose turns it reads. */
  role: Role | 'any';
  description: string;
  /** Utterances it must flag (checked by its table test). */
  fires: string[];
  /** Near misses it must leave alone (checked by its table test). */
  silent: string[];
  /** Reasons (cue ids) that name the act outright: the trained model may not overrule them. */
  firm?: readonly string[];
}

export interface ReportInput {
  /** Finding kind, optionally with a subtype: `objection:price`. */
  kind: string;
  sentence?: Sentence;
  /** Character span in the turn text; defaults to the sentence's span. */
  span?: [number, number];
  confidence: number;
  reason: string;
  explanation: string;
}

export interface DetectContext {
  turn: AnnotatedTurn;
  /** All turns of the conversation (read-only): detectors may look back for context. */
  turns: readonly AnnotatedTurn[];
  /** The latest earlier turn by a different speaker, if any. */
  previousOther?: AnnotatedTurn;
  report(input: ReportInput): void;
}

export interface Detector {
  meta: DetectorMeta;
  detect(ctx: DetectContext): void;
}

export type { Finding };
