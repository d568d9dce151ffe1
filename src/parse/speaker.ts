/**
 * Speaker names in "Name: text" lines, shared by the plain, timestamped, VTT and SRT parsers.
 * A name is short: at most 4 words, starting with a letter, without sentence punctuation, so
 * that "We agreed on three things: price, scope, time" stays speech.
 */

export interface SpeakerLine {
  speaker: string;
  text: string;
}

/** Where the colon may sit at most: names are short. */
const MAX_NAME_CHARS = 48;
const MAX_NAME_WORDS = 4;
/** Characters a name never contains (sentence punctuation, markup, a second colon). */
const NOT_IN_NAME = new Set([
  '?',
  '!',
  ';',
  ':',
  '"',
  '<',
  '>',
  '[',
  ']',
  '{',
  '}',
  '=',
  '|',
  '*',
  '#',
]);

/**
 * Labels people write inside speech ("Note: ...", "P.S. ..."): never a new speaker once
 * someone is already speaking.
 */
const LABEL_WORDS = new Set([
  'note',
  'notes',
  'ps',
  'fyi',
  'tip',
  'warning',
  'important',
  'reminder',
  'update',
  'edit',
  'example',
  'e.g',
  'i.e',
  'summary',
  'agenda',
  'subject',
  're',
  'action items',
  'next steps',
  'bottom line',
  'disclaimer',
  'caveat',
]);

/** Trims a speaker name and collapses its inner whitespace. */
export function cleanSpeakerName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Whether `name` (already cleaned) reads as a speaker name rather than the start of a sentence. */
export function isSpeakerName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME_CHARS) return false;
  if (!/^\p{L}/u.test(name)) return false;
  let words = 1;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (NOT_IN_NAME.has(c)) return false;
    if (c === ' ') words++;
    // A full stop only ends a short abbreviation or initial ("Dr.", "J."), never a sentence word.
    if (c === '.' && i - wordStart(name, i) > 3) return false;
    if (c === ',' && i + 1 < name.length && name[i + 1] !== ' ') return false;
  }
  return words <= MAX_NAME_WORDS;
}

function wordStart(s: string, i: number): number {
  const space = s.lastIndexOf(' ', i);
  return space + 1;
}

/** Splits "Name: text" when the part before the first colon is a speaker name. */
export function splitSpeakerLine(line: string): SpeakerLine | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0 || colon > MAX_NAME_CHARS + 4) return undefined;
  // "Name:" ends the line or is followed by a space: "http://" and "10:30" are not names.
  const after = line.charCodeAt(colon + 1);
  if (colon + 1 < line.length && after !== 32 && after !== 9) return undefined;
  const speaker = cleanSpeakerName(line.slice(0, colon));
  if (!isSpeakerName(speaker)) return undefined;
  return { speaker, text: line.slice(colon + 1).trim() };
}

/**
 * Splits each line as "Name: text" where that starts a new speaker, in order. Once someone is
 * speaking, a label word ("Note: ...") or a lower-case name used only once ("so basically: ...")
 * is read as speech of the current speaker, not as a new speaker.
 */
export function readSpeakerLines(lines: readonly string[]): (SpeakerLine | undefined)[] {
  const split = lines.map(splitSpeakerLine);
  const uses = new Map<string, number>();
  for (const s of split) {
    if (s) uses.set(s.speaker.toLowerCase(), (uses.get(s.speaker.toLowerCase()) ?? 0) + 1);
  }
  let speaking = false;
  return split.map((s) => {
    if (!s) return undefined;
    const key = s.speaker.toLowerCase();
    const first = s.speaker[0];
    const strayLowerCase = first !== first.toUpperCase() && (uses.get(key) ?? 0) < 2;
    if (speaking && (LABEL_WORDS.has(key) || strayLowerCase)) return undefined;
    speaking = true;
    return s;
  });
}
