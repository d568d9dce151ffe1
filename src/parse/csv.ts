/**
 * CSV with a header row: `speaker` and `text` columns are required, `start` and `end` optional
 * (header names are case-insensitive; `name` and `utterance` and a few other aliases work).
 * RFC 4180 quoting (commas, doubled quotes and newlines inside quotes); the delimiter is a comma,
 * semicolon or tab, whichever the header row uses most. A row with an empty speaker continues the
 * previous speaker; a row with empty text is skipped.
 */
import { WalkpointError } from '../core/errors.js';
import type { ParsedTranscript, Segment } from '../core/types.js';
import { cleanText } from './segments.js';
import { cleanSpeakerName } from './speaker.js';
import { MAX_SECONDS, parseTimeValue } from './time.js';

type Column = 'speaker' | 'text' | 'start' | 'end' | 'startMs' | 'endMs';

/**
 * Header names (lower-cased, without spaces, "_" or "-") and the column each one means. A Map:
 * it is looked up with the file's own header names, which may be "constructor".
 */
const HEADER_ALIASES = new Map<string, Column>(
  Object.entries({
    speaker: 'speaker',
    speakername: 'speaker',
    name: 'speaker',
    participant: 'speaker',
    text: 'text',
    utterance: 'text',
    transcript: 'text',
    content: 'text',
    start: 'start',
    starttime: 'start',
    begin: 'start',
    end: 'end',
    endtime: 'end',
    stop: 'end',
    startms: 'startMs',
    endms: 'endMs',
  } satisfies Record<string, Column>),
);

const DELIMITERS = [',', ';', '\t'] as const;

export interface Row {
  fields: string[];
  /** 1-based line where the row starts. */
  line: number;
}

/** A cell as quoted in a message: on one line, and a 400-digit "time" shown by its start. */
function clip(cell: string): string {
  const s = cell.replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function headerKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The delimiter the first line uses most (a comma on a tie). */
function pickDelimiter(firstLine: string): string {
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Detection: the first line is a header of 2+ identifier-like names, at least one we know. */
export function looksLikeCsv(text: string): boolean {
  const first = firstLine(text);
  const delimiter = pickDelimiter(first);
  const names = readRows(first, delimiter)[0]?.fields ?? [];
  if (names.length < 2) return false;
  const keys = names.map(headerKey);
  return (
    keys.every((k) => /^[a-z][a-z0-9]{0,29}$/.test(k)) && keys.some((k) => HEADER_ALIASES.has(k))
  );
}

function firstLine(text: string): string {
  const start = text.search(/\S/);
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** RFC 4180 records. Throws naming the line where an unclosed quote opened. */
function readRows(text: string, delimiter: string, file?: string): Row[] {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  // whether `field` is all whitespace so far: kept as a flag, since asking field.trim() at
  // every quote costs the square of a field full of quotes
  let blank = true;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    fields.push(field);
    rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
    blank = true;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && blank) {
      // A quoted field: read to the closing quote, "" being a literal quote.
      const openLine = line;
      field = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          throw new WalkpointError(
            'bad-csv',
            'a quoted field is never closed: add the closing " (and double any " inside it)',
            { file, line: openLine },
          );
        }
        const chunk = text.slice(i, q);
        for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
        field += chunk;
        i = q + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
      blank = field.trim() === '';
      // Anything between the closing quote and the delimiter is kept as written.
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      blank = true;
    } else if (c === '\n') {
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
      if (blank && c.trim() !== '') blank = false;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/**
 * The records of any CSV with a header (the delimiter the header uses most), each with its
 * line: the one reader for transcripts and for other CSV inputs (an import's rep map).
 */
export function readCsvRecords(text: string, file?: string): Row[] {
  return readRows(text.replace(/\r\n?/g, '\n'), pickDelimiter(firstLine(text)), file);
}

export function parseCsv(text: string, file?: string): ParsedTranscript {
  const delimiter = pickDelimiter(firstLine(text));
  const rows = readRows(text, delimiter, file).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = rows[0]?.fields.map((f) => f.trim()) ?? [];
  const columns = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = HEADER_ALIASES.get(headerKey(name));
    if (column && !columns.has(column)) columns.set(column, i);
  });
  for (const [column, aliases] of [
    ['speaker', '"speaker" (or "name")'],
    ['text', '"text" (or "utterance")'],
  ] as const) {
    if (!columns.has(column)) {
      throw new WalkpointError(
        'bad-csv',
        `the header row has no ${aliases} column; columns found: ${header
          .slice(0, 12)
          .map((h) => `"${clip(h)}"`)
          .join(', ')}${header.length > 12 ? ` and ${header.length - 12} more` : ''}`,
        { file, line: rows[0]?.line ?? 1 },
      );
    }
  }
  const cell = (row: Row, column: Column) => {
    const i = columns.get(column);
    return i === undefined ? undefined : (row.fields[i] ?? '').trim();
  };
  const time = (row: Row, column: Column, msColumn: Column) => {
    const [value, scale, used] = cell(row, column)
      ? [cell(row, column), 1, column]
      : [cell(row, msColumn), 1000, msColumn];
    if (!value) return undefined;
    const seconds = parseTimeValue(value, scale);
    if (seconds === undefined) {
      throw new WalkpointError(
        'bad-timestamp',
        `the ${header[columns.get(used)!]} value "${clip(value)}" is not a time: expected seconds (65.2) or 00:01:05, at most ${MAX_SECONDS} seconds`,
        { file, line: row.line },
      );
    }
    return seconds;
  };
  const segments: Segment[] = [];
  let speaker: string | undefined;
  for (const row of rows.slice(1)) {
    const text = cleanText(cell(row, 'text') ?? '');
    const named = cleanSpeakerName(cell(row, 'speaker') ?? '');
    speaker = named || speaker;
    if (!text) continue;
    if (!speaker) {
      throw new WalkpointError('bad-csv', 'this row has text but no speaker: fill in who speaks', {
        file,
        line: row.line,
      });
    }
    const segment: Segment = { speaker, text, line: row.line };
    const start = time(row, 'start', 'startMs');
    const end = time(row, 'end', 'endMs');
    if (start !== undefined) segment.start = start;
    if (end !== undefined) segment.end = end;
    if (start !== undefined && end !== undefined && end < start) {
      throw new WalkpointError('bad-timestamp', 'this row ends before it starts', {
        file,
        line: row.line,
      });
    }
    segments.push(segment);
  }
  return { format: 'csv', segments, warnings: [] };
}
