import { parseTranscript } from '../parse/index.js';
import type { LiveUtterance } from './session.js';

/**
 * A transcript file as the captions a captioning tool would have sent: one final caption per
 * cue or line, with its times. Throws WalkpointError for a file that is not a transcript.
 */
export function captionsOf(input: string | Uint8Array, file?: string): LiveUtterance[] {
  return parseTranscript(input, { file }).segments.map((s) => ({
    speaker: s.speaker,
    text: s.text,
    ...(s.start !== undefined ? { start: s.start } : {}),
    ...(s.end !== undefined ? { end: s.end } : {}),
    final: true,
  }));
}
