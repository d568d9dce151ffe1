/**
 * Plain "Name: text" lines. A line without a name continues the previous speaker; blank lines
 * are ignored; text before the first name is skipped with a warning (usually a title).
 */
import type { ParsedTranscript, Segment } from '../core/types.js';
import { appendText, preambleWarning } from './segments.js';
import { readSpeakerLines, splitSpeakerLine } from './speaker.js';

/** Detection: most non-blank lines (at least half, and at least two) are "Name: text". */
export function looksLikePlain(lines: readonly string[]): boolean {
  let nonBlank = 0;
  let named = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonBlank++;
    if (splitSpeakerLine(line.trim())) named++;
  }
  return named >= 2 && named * 2 >= nonBlank;
}

export function parsePlain(lines: readonly string[]): ParsedTranscript {
  const trimmed = lines.map((l) => l.trim());
  const named = readSpeakerLines(trimmed);
  const segments: Segment[] = [];
  const warnings: string[] = [];
  let current: Segment | undefined;
  trimmed.forEach((line, i) => {
    if (line === '') return;
    const split = named[i];
    if (split) {
      current = { speaker: split.speaker, text: '', line: i + 1 };
      segments.push(current);
      appendText(current, split.text);
    } else if (current) {
      appendText(current, line);
    } else {
      warnings.push(preambleWarning(i + 1, line));
    }
  });
  return { format: 'text', segments: segments.filter((s) => s.text !== ''), warnings };
}
