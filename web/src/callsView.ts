/**
 * The calls list's view (filters, search, sort, page) as its URL says: the URL is where the
 * view lives, so a reload, Back or a copied link shows the same rows.
 */
import { RESPONSE_KINDS, TRIGGER_KINDS } from './vocab.js';

export const SORTS = ['date', 'score', 'title', 'moments', 'rep', 'account'] as const;
export type Sort = (typeof SORTS)[number];

/** Words read A to Z, numbers and dates high to low. */
export const defaultOrder = (sort: Sort): 'asc' | 'desc' =>
  sort === 'title' || sort === 'rep' || sort === 'account' ? 'asc' : 'desc';

export interface CallsFilters {
  q: string;
  rep: string;
  from: string;
  to: string;
  minScore: string;
  maxScore: string;
  response: string[];
  trigger: string[];
}

/** Every filter off: the URL keys to clear. */
export const NO_FILTERS: Record<keyof CallsFilters | 'page', null> = {
  q: null,
  rep: null,
  from: null,
  to: null,
  minScore: null,
  maxScore: null,
  response: null,
  trigger: null,
  page: null,
};

const listOf = (v: string | null, known: readonly string[]) =>
  (v ?? '').split(',').filter((x) => known.includes(x));

/**
 * The list's view as its URL says (the URL is where it lives, so a reload or a copied link
 * shows the same rows); what the URL says wrongly reads as the default.
 */
export function callsView(search: URLSearchParams) {
  const text = (k: string) => search.get(k) ?? '';
  const f: CallsFilters = {
    q: text('q'),
    rep: text('rep'),
    from: text('from'),
    to: text('to'),
    minScore: text('minScore'),
    maxScore: text('maxScore'),
    response: listOf(search.get('response'), RESPONSE_KINDS),
    trigger: listOf(search.get('trigger'), TRIGGER_KINDS),
  };
  const sort: Sort = SORTS.find((x) => x === search.get('sort')) ?? 'date';
  const o = search.get('order');
  const order = o === 'asc' || o === 'desc' ? o : defaultOrder(sort);
  const n = Number(search.get('page'));
  const page = Number.isInteger(n) && n > 1 ? n : 1;
  return { f, sort, order, page };
}
