/**
 * Calendar days written `YYYY-MM-DD`, checked for real: `Date.parse` rolls 2024-02-30 over to
 * March 1st instead of refusing it, so every place that reads a day from a user (the API's
 * dates, deal files) asks this one function.
 */

/** Whether `s` is `YYYY-MM-DD` naming a day that exists (leap years counted). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
