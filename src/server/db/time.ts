/** Times are ISO-8601 text in the database: portable, and they sort as strings. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** `YYYY-MM-DD` of a Date in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The Monday (UTC) of the week holding `date` (`YYYY-MM-DD`). */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return isoDate(d);
}

/** `YYYY-MM-DD` `days` before today (UTC). */
export function daysAgo(days: number, from: Date = new Date()): string {
  const d = new Date(from);
  d.setUTCDate(d.getUTCDate() - days);
  return isoDate(d);
}
