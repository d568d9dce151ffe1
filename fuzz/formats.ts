/**
 * Writes a conversation in each transcript format Walkpoint reads, so the fuzzer can switch a
 * call's format (and reach every parser) before mutating it.
 */

export interface Line {
  speaker: string;
  text: string;
}

export const FORMATS = [
  'text',
  'vtt',
  'teams-vtt',
  'srt',
  'timestamped',
  'otter',
  'json',
  'json-escaped',
  'csv',
] as const;
export type Format = (typeof FORMATS)[number];

function clock(seconds: number, sep = '.'): string {
  const ms = Math.round(seconds * 1000);
  const h = String(Math.floor(ms / 3_600_000)).padStart(2, '0');
  const m = String(Math.floor((ms % 3_600_000) / 60_000)).padStart(2, '0');
  const s = String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0');
  return `${h}:${m}:${s}${sep}${String(ms % 1000).padStart(3, '0')}`;
}

const csvCell = (s: string) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Escapes every "/" and every non-ASCII character, as some exporters (PHP) do. */
function escapedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function writeAs(lines: readonly Line[], format: Format): string {
  const timed = lines.map((l, i) => ({ ...l, start: i * 4, end: i * 4 + 3.5 }));
  switch (format) {
    case 'text':
      return timed.map((l) => `${l.speaker}: ${l.text}`).join('\n');
    case 'vtt':
      return `WEBVTT\n\n${timed.map((l, i) => `${i + 1}\n${clock(l.start)} --> ${clock(l.end)}\n${l.speaker}: ${l.text}\n`).join('\n')}`;
    case 'teams-vtt':
      return `WEBVTT\n\n${timed.map((l) => `${clock(l.start)} --> ${clock(l.end)}\n<v ${l.speaker}>${l.text}</v>\n`).join('\n')}`;
    case 'srt':
      return timed
        .map(
          (l, i) =>
            `${i + 1}\n${clock(l.start, ',')} --> ${clock(l.end, ',')}\n${l.speaker}: ${l.text}\n`,
        )
        .join('\n');
    case 'timestamped':
      return timed.map((l) => `[${clock(l.start).slice(0, 8)}] ${l.speaker}: ${l.text}`).join('\n');
    case 'otter':
      return timed
        .map((l) => `${l.speaker}  ${clock(l.start).slice(3, 8)}\n${l.text}\n`)
        .join('\n');
    case 'json':
      return JSON.stringify({ utterances: timed }, null, 2);
    case 'json-escaped':
      return escapedJson(timed);
    case 'csv':
      return `speaker,text,start,end\n${timed.map((l) => `${csvCell(l.speaker)},${csvCell(l.text)},${l.start},${l.end}`).join('\n')}\n`;
  }
}
