/**
 * Timestamp parsing shared by every format. Hand-written scanning rather than one big regex:
 * it is fast and it never backtracks.
 */

/**
 * The largest time Walkpoint reads, in seconds: 10^10, about 300 years. No recording comes near
 * it, yet Unix-epoch stamps (1.7 x 10^9 s) still read; a larger time (a 400-digit number,
 * 10^308) is refused as unreadable, because it would make the call's duration and every rate
 * per minute infinite.
 */
export const MAX_SECONDS = 1e10;

const inRange = (seconds: number): number | undefined =>
  Number.isFinite(seconds) && seconds <= MAX_SECONDS ? seconds : undefined;

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Reads a clock time in seconds: `h:mm:ss`, `mm:ss` or `m:ss`, each with an optional fraction
 * after `.` or `,` (`00:00:01.200`, `00:01,200`). Returns undefined when `s` is not one, or is
 * past MAX_SECONDS.
 */
export function parseClock(s: string): number | undefined {
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const last = parts[parts.length - 1];
  const sep = Math.max(last.indexOf('.'), last.indexOf(','));
  const whole = sep < 0 ? last : last.slice(0, sep);
  const fraction = sep < 0 ? '' : last.slice(sep + 1);
  if (sep >= 0 && (!isDigits(fraction) || fraction.length > 9)) return undefined;
  parts[parts.length - 1] = whole;
  let seconds = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!isDigits(p)) return undefined;
    const n = Number(p);
    // Every field after the first is a two-digit 00-59 field; the first may be any width.
    if (i > 0 && (p.length !== 2 || n > 59)) return undefined;
    seconds = seconds * 60 + n;
  }
  return inRange(fraction ? seconds + Number(`0.${fraction}`) : seconds);
}

/**
 * Reads a time field of a JSON or CSV export: a number of seconds, a numeric string, or a
 * clock string. `scale` converts the number (1000 for millisecond fields). Returns undefined
 * for anything else (negative, not finite, past MAX_SECONDS), so the caller can name the bad
 * field.
 */
export function parseTimeValue(value: unknown, scale = 1): number | undefined {
  if (typeof value === 'number') return value >= 0 ? inRange(value / scale) : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.includes(':')) return parseClock(s);
  const dot = s.indexOf('.');
  const numeric = dot < 0 ? isDigits(s) : isDigits(s.slice(0, dot)) && isDigits(s.slice(dot + 1));
  return numeric ? inRange(Number(s) / scale) : undefined;
}
