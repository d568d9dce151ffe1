/** What a list's pager says: which rows are shown, of how many, and on which page. */

export interface PageWords {
  /** "26–50 of 10,000+" */
  range: string;
  /** "Page 2 of 400+" */
  pages: string;
  hasNext: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * `capped`: more matched than the server counted, so `total` is a lower bound ("10,000+") and
 * there may be pages after the last counted one.
 */
export function pageWords(
  page: number,
  pageSize: number,
  total: number,
  capped = false,
): PageWords {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = capped ? page * pageSize : Math.min(total, page * pageSize);
  const more = capped ? '+' : '';
  return {
    range: `${count(from)}–${count(to)} of ${count(total)}${more}`,
    pages: `Page ${count(page)} of ${count(Math.max(pages, page))}${more}`,
    hasNext: capped || page < pages,
  };
}
