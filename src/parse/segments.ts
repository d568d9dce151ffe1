import type { Segment } from '../core/types.js';

/** The speaker of text that comes before anyone is named (captions without names). */
export const UNKNOWN_SPEAKER = 'Unknown speaker';

/** Trims text and collapses runs of whitespace to one space. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Adds a continuation line to a segment, with one space between. */
export function appendText(segment: Segment, text: string): void {
  const more = cleanText(text);
  if (more) segment.text = segment.text ? `${segment.text} ${more}` : more;
}

/** Splits normalised text (LF only) into lines; line `i` is source line `i + 1`. */
export function splitLines(text: string): string[] {
  return text.split('\n');
}

/** The warning for text before anyone is named (usually a title line). */
export function preambleWarning(lineNo: number, line: string): string {
  const shown = line.length > 40 ? `${line.slice(0, 37)}...` : line;
  return `line ${lineNo}: skipped text before the first speaker ("${shown}")`;
}
