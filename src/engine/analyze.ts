import { readFileSync } from 'node:fs';
import { annotate } from '../annotate/index.js';
import { explainMoment } from '../coach/explain.js';
import { praise, suggest } from '../coach/index.js';
import type { Analysis, AnalyzeOptions, AnnotatedTurn, Moment, Turn } from '../core/types.js';
import { detect } from '../detect/index.js';
import { findMoments } from '../moments/index.js';
import { parseTranscript, toTurns } from '../parse/index.js';
import { assignRoles } from '../roles/index.js';
import { computeMetrics, computeScore } from '../score/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The engine version stored with every analysis, so stored results can be refreshed. */
export const ENGINE_VERSION: string = pkg.version;

/**
 * Analyses one call transcript: parse -> roles -> annotate -> detect -> moments -> score ->
 * coach. `input` is the file's bytes or text; the format is detected from the content.
 * Throws WalkpointError for input a user can fix (empty, not a transcript, unknown --rep).
 */
export function analyze(input: string | Uint8Array, options: AnalyzeOptions = {}): Analysis {
  return analyzeInDepth(input, options).analysis;
}

/** Adds the coaching to a graded moment: praise or the moves, and the coach's explanation. */
export function coachMoment(m: Moment): void {
  // no praise for a challenge the engine is unsure of: the moves are worth reading either way
  if (m.response.kind === 'challenged' && !m.needsReview) m.praise = praise(m);
  else m.suggestions = suggest(m);
  m.response.details = m.response.explanation;
  m.response.explanation = explainMoment(m);
}

/** `analyze`, keeping the annotated turns for evaluation and tools that grade labelled moments. */
export function analyzeInDepth(
  input: string | Uint8Array,
  options: AnalyzeOptions = {},
): { analysis: Analysis; annotated: AnnotatedTurn[] } {
  const parsed = parseTranscript(input, { file: options.file });
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  const { speakers, turns } = assignRoles(toTurns(parsed), options);
  const annotated = annotate(turns);
  const findings = detect(annotated, options.skipDetectors);
  const moments = findMoments(annotated, findings);
  for (const m of moments) coachMoment(m);
  const metrics = computeMetrics(annotated, speakers, findings, moments);
  const score = computeScore(metrics, moments);
  const plainTurns: Turn[] = annotated.map(({ sentences: _s, words: _w, ...turn }) => turn);
  const analysis: Analysis = {
    version: 1,
    engine: { name: 'walkpoint', version: ENGINE_VERSION },
    source: {
      ...(options.file ? { file: options.file } : {}),
      format: parsed.format,
      bytes,
    },
    speakers,
    turns: plainTurns,
    findings,
    moments,
    metrics,
    score,
    warnings: parsed.warnings,
  };
  return { analysis, annotated };
}
