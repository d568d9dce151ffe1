/**
 * The corrections in force, as training lines (src/training/corrections.ts): the corrected prospect
 * sentence with its trigger (none for a dismissed moment) and the rep's reply with its grade.
 * Read by `walkpoint corrections export` and by retraining in the app.
 */
import type { Kysely } from 'kysely';
import { annotate } from '../../annotate/index.js';
import type { Analysis } from '../../core/types.js';
import { responseWindow } from '../../moments/index.js';
import type { CorrectionLine } from '../../training/corrections.js';
import { latestByTurn } from '../db/effective.js';
import type { Database } from '../db/schema.js';

/** One line per corrected sentence and per graded reply, by call and turn. */
export async function correctionLines(db: Kysely<Database>): Promise<CorrectionLine[]> {
  const rows = await db
    .selectFrom('corrections')
    .innerJoin('calls', 'calls.id', 'corrections.call_id')
    .select([
      'corrections.id',
      'corrections.call_id',
      'corrections.turn',
      'corrections.quote',
      'corrections.trigger_kind',
      'corrections.trigger_subtype',
      'corrections.response_kind',
    ])
    .where('corrections.reverted_at', 'is', null)
    .orderBy('corrections.call_id')
    .orderBy('corrections.id')
    .execute();
  const byCall = new Map<number, typeof rows>();
  for (const r of rows) byCall.set(r.call_id, [...(byCall.get(r.call_id) ?? []), r]);
  const lines: CorrectionLine[] = [];
  for (const [callId, list] of byCall) {
    const call = await db
      .selectFrom('calls')
      .select('analysis_json')
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    const analysis = JSON.parse(call.analysis_json) as Analysis;
    let annotated: ReturnType<typeof annotate> | undefined;
    for (const c of latestByTurn(list).values()) {
      const base = { split: 'train' as const, call: callId, turn: c.turn, correction: c.id };
      lines.push({
        ...base,
        id: `correction-${c.id}-trigger`,
        role: 'prospect',
        text: c.quote,
        kinds: c.trigger_kind
          ? [c.trigger_subtype ? `${c.trigger_kind}:${c.trigger_subtype}` : c.trigger_kind]
          : [],
      });
      if (!c.response_kind) continue;
      annotated ??= annotate(analysis.turns);
      const at = annotated.findIndex((t) => t.index === c.turn);
      if (at < 0) continue;
      // what the engine grades: the rep's words up to the prospect's next real turn
      const reply = responseWindow(annotated, analysis.findings, at)
        .map((t) => t.text)
        .join(' ')
        .trim();
      if (!reply) continue;
      lines.push({
        ...base,
        id: `correction-${c.id}-response`,
        role: 'rep',
        text: reply,
        response: c.response_kind as CorrectionLine['response'],
      });
    }
  }
  return lines;
}
