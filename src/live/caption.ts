import { WalkpointError } from '../core/errors.js';
import type { LiveUtterance } from './session.js';

/** The longest caption read; a captioning tool sends a sentence or two at a time. */
export const MAX_CAPTION_CHARS = 20_000;

function time(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new WalkpointError(
      'bad-caption',
      `"${field}" must be seconds from the start of the call (a number ≥ 0), not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * One caption, `{"speaker","text","start","end","final"}`, checked: a speaker and a text are
 * required, times are optional seconds, `final` defaults to true. Throws WalkpointError saying
 * what is wrong (the caller adds where).
 */
export function toCaption(value: unknown): LiveUtterance {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WalkpointError(
      'bad-caption',
      'expected an object like {"speaker":"Sam","text":"...","final":true}',
    );
  }
  const o = value as Record<string, unknown>;
  if (typeof o.speaker !== 'string' || !o.speaker.trim()) {
    throw new WalkpointError('bad-caption', '"speaker" is missing or empty: name who speaks');
  }
  if (typeof o.text !== 'string') {
    throw new WalkpointError('bad-caption', '"text" is missing or not a string');
  }
  if (o.text.length > MAX_CAPTION_CHARS) {
    throw new WalkpointError(
      'bad-caption',
      `"text" is ${o.text.length} characters; a caption holds at most ${MAX_CAPTION_CHARS}`,
    );
  }
  if (o.final !== undefined && typeof o.final !== 'boolean') {
    throw new WalkpointError(
      'bad-caption',
      `"final" must be true or false, not ${JSON.stringify(o.final)}`,
    );
  }
  const start = time(o.start, 'start');
  const end = time(o.end, 'end');
  if (start !== undefined && end !== undefined && end < start) {
    throw new WalkpointError('bad-caption', `"end" (${end}) is before "start" (${start})`);
  }
  return {
    speaker: o.speaker,
    text: o.text,
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    final: o.final ?? true,
  };
}

/** A JSON line as a caption; throws WalkpointError saying what is wrong with it. */
export function parseCaptionLine(line: string): LiveUtterance {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const said = (e as Error).message.replace(/\s+/g, ' ');
    throw new WalkpointError(
      'bad-caption',
      `not valid JSON (${said.length > 120 ? `${said.slice(0, 117)}...` : said})`,
    );
  }
  return toCaption(value);
}
