/** A page's view in its query string (no React here: the node tests read it too). */

/** A query-string value: empty, null and undefined leave the key out. */
export type QueryValue = string | number | null | undefined;

/**
 * `path` with `search` changed by `patch` (a key whose value is empty is dropped), keys in a
 * stable order so the same view always has the same URL.
 */
export function withQuery(
  path: string,
  search: URLSearchParams,
  patch: Record<string, QueryValue>,
): string {
  const next = new URLSearchParams(search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  next.sort();
  const s = next.toString();
  return s ? `${path}?${s}` : path;
}
