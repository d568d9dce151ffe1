/** A tiny client-side router over the History API: enough for seven pages and deep links. */
import { useCallback, useEffect, useState } from 'react';
import { type QueryValue, withQuery } from './urlQuery';

export { type QueryValue, withQuery };

export interface Location {
  path: string;
  search: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const on = () => setLoc(current());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return loc;
}

/** Matches `/calls/:id` against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) out[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}

/**
 * A list page's view (filters, search, sort, page) kept in the URL, so it survives a reload
 * and a copied link shows the same rows. `push` adds a history entry (a chip, a sort, a page:
 * Back undoes it); without it the entry is replaced (typing in a search box).
 */
export function useQuery(): [
  URLSearchParams,
  (patch: Record<string, QueryValue>, how?: { push?: boolean }) => void,
] {
  const loc = useLocation();
  const set = useCallback((patch: Record<string, QueryValue>, how: { push?: boolean } = {}) => {
    const here = window.location;
    const to = withQuery(here.pathname, new URLSearchParams(here.search), patch);
    if (to !== here.pathname + here.search) navigate(to, !how.push);
  }, []);
  return [loc.search, set];
}
