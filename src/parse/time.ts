/**
 * Timestamp parsing shared by every format. Hand-written scanning rather than one big regex:
 * it is fast and it never backtracks.
 */

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
 * after `.` or `,` (`00:00:01.200`, `00:01,200`). Returns undefined when `s` is not one.
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
  return fraction ? seconds + Number(`0.${fraction}`) : seconds;
}

/**
 * Reads a time field of a JSON or CSV export: a number of seconds, a numeric string, or a
 * clock string. `scale` converts the number (1000 for millisecond fields). Returns undefined
 * for anything else, so the caller can name the bad field.
 */
export function parseTimeValue(value: unknown, scale = 1): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? value / scale : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.includes(':')) return parseClock(s);
  const dot = s.indexOf('.');
  const numeric = dot < 0 ? isDigits(s) : isDigits(s.slice(0, dot)) && isDigits(s.slice(dot + 1));
  return numeric ? Number(s) / scale : undefined;
}
