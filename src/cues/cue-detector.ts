import type { FindingKind, Role } from '../core/vocabulary.js';
import { type CueMatch, loadCues, matchCues } from './cues.js';
import type { DetectContext, Detector } from './types.js';

export interface CueDetectorOptions {
  id: string;
  kind: FindingKind;
  role: Role | 'any';
  description: string;
  /** data/cues/<file>.json; defaults to the id. */
  file?: string;
  /** Extra veto on a match, for what a regular expression cannot say (context, turn shape). */
  accept?: (match: CueMatch, ctx: DetectContext) => boolean;
}

/**
 * The best match per finding kind in one sentence: a firm cue first (it names the act outright,
 * so the model may not overrule it), then the highest confidence, then the earliest.
 */
function strongestPerKind(matches: CueMatch[]): CueMatch[] {
  const best = new Map<string, CueMatch>();
  const rank = (m: CueMatch) => (m.cue.firm ? 1 : 0) + m.cue.confidence / 2;
  for (const m of matches) {
    const seen = best.get(m.cue.kind);
    if (!seen || rank(m) > rank(seen)) best.set(m.cue.kind, m);
  }
  return [...best.values()];
}

/** A detector that is pure configuration: the cue patterns in data/cues/<id>.json. */
export function cueDetector(options: CueDetectorOptions): Detector {
  const file = options.file ?? options.id;
  const cues = () => loadCues(file);
  return {
    meta: {
      id: options.id,
      kind: options.kind,
      role: options.role,
      description: options.description,
      get fires() {
        return cues().flatMap((c) => c.fires);
      },
      get silent() {
        return cues().flatMap((c) => c.silent);
      },
      get firm() {
        return cues()
          .filter((c) => c.firm)
          .map((c) => c.id);
      },
    },
    detect(ctx) {
      if (options.role !== 'any' && ctx.turn.role !== options.role) return;
      const all = cues();
      for (const sentence of ctx.turn.sentences) {
        const matches = matchCues(all, sentence).filter(
          (m) => !options.accept || options.accept(m, ctx),
        );
        for (const m of strongestPerKind(matches)) {
          ctx.report({
            kind: m.cue.kind,
            sentence,
            span: m.span,
            confidence: m.cue.confidence,
            reason: m.cue.id,
            explanation: `${m.cue.note} (matched "${m.matched}")`,
          });
        }
      }
    },
  };
}
