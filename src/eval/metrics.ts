/** Precision, recall and F1 per label, and a confusion matrix: the numbers `walkpoint eval` prints. */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
  /** Gold positives. */
  support: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    ...c,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    support: c.tp + c.fn,
  };
}

/** Counts per label from sets of gold and predicted labels per item. */
export class LabelCounter {
  private readonly counts = new Map<string, Counts>();

  private get(label: string): Counts {
    let c = this.counts.get(label);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      this.counts.set(label, c);
    }
    return c;
  }

  add(gold: Iterable<string>, predicted: Iterable<string>): void {
    const g = new Set(gold);
    const p = new Set(predicted);
    for (const label of g) {
      if (p.has(label)) this.get(label).tp++;
      else this.get(label).fn++;
    }
    for (const label of p) if (!g.has(label)) this.get(label).fp++;
  }

  /** Makes a label appear in the table even with no gold or predicted instance. */
  touch(label: string): void {
    this.get(label);
  }

  table(order?: string[]): Record<string, Prf> {
    const labels = order ?? [...this.counts.keys()].sort();
    // fromEntries defines own keys: a label "__proto__" stays a row, never the prototype
    return Object.fromEntries(
      labels.map((l) => [l, prf(this.counts.get(l) ?? { tp: 0, fp: 0, fn: 0 })]),
    );
  }
}

export class Confusion {
  readonly cells = new Map<string, Map<string, number>>();
  total = 0;
  correct = 0;

  add(gold: string, predicted: string): void {
    let row = this.cells.get(gold);
    if (!row) {
      row = new Map();
      this.cells.set(gold, row);
    }
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    this.total++;
    if (gold === predicted) this.correct++;
  }

  accuracy(): number {
    return this.total ? round(this.correct / this.total) : 0;
  }

  toJSON(): { accuracy: number; total: number; matrix: Record<string, Record<string, number>> } {
    const matrix = Object.fromEntries(
      [...this.cells].map(([g, row]) => [g, Object.fromEntries(row)]),
    );
    return { accuracy: this.accuracy(), total: this.total, matrix };
  }
}
