import { renderDealReview, reviewDealFile } from '../deals/index.js';
import type { Io } from './main.js';

/** `walkpoint deal review FILE`: the rubric, band and call plan of one deal. */
export function dealReviewCommand(file: string, opts: { format: 'text' | 'json' }, io: Io): number {
  const review = reviewDealFile(file);
  io.out.write(
    opts.format === 'json' ? `${JSON.stringify(review, null, 2)}\n` : renderDealReview(review),
  );
  return 0;
}
