import { annotate } from '../annotate/index.js';
import { WalkpointError } from '../core/errors.js';
import type { Finding, Turn } from '../core/types.js';
import { ROLES, type Role, splitKind } from '../core/vocabulary.js';
import { detect } from '../detect/index.js';

/** One utterance to label, as `walkpoint label` reads it (JSON lines on stdin). */
export interface Utterance {
  id?: string;
  role: Role;
  text: string;
  /** The turns just before it, oldest first. */
  context?: { role: Role; text: string }[];
}

/** Finding kinds the engine gives the last utterance (trigger kinds keep their subtype). */
export function labelFindings(u: Utterance, skip: readonly string[] = []): Finding[] {
  const lines = [...(u.context ?? []), { role: u.role, text: u.text }];
  const turns: Turn[] = lines.map((l, index) => ({
    index,
    role: l.role,
    speaker: l.role === 'rep' ? 'Rep' : l.role === 'prospect' ? 'Prospect' : 'Other',
    text: l.text,
  }));
  const last = turns.length - 1;
  return detect(annotate(turns), skip).filter((f) => f.turn === last);
}

export function labelKinds(u: Utterance, skip: readonly string[] = []): string[] {
  const kinds = new Set<string>();
  for (const f of labelFindings(u, skip)) if (!f.overruled) kinds.add(f.kind);
  return [...kinds];
}

/** The base kinds only (`objection:price` -> `objection`), for tables by kind. */
export function baseKinds(kinds: Iterable<string>): string[] {
  return [...new Set([...kinds].map((k) => splitKind(k).kind))];
}

/** Validates one parsed JSON line as an Utterance, naming the field that is wrong. */
export function toUtterance(
  value: unknown,
  where: { file?: string; line: number },
  defaultRole?: Role,
): Utterance {
  const fail = (msg: string): never => {
    throw new WalkpointError('bad-utterance', msg, where);
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail('expected a JSON object');
  const v = { ...(value as Record<string, unknown>) };
  if (typeof v.text !== 'string') fail('field "text" must be a string');
  if (v.role === undefined && defaultRole) v.role = defaultRole;
  if (!ROLES.includes(v.role as Role)) fail('field "role" must be "rep", "prospect" or "other"');
  if (v.id !== undefined && typeof v.id !== 'string' && typeof v.id !== 'number') {
    fail('field "id" must be a string');
  }
  let context: Utterance['context'];
  if (v.context !== undefined && v.context !== null) {
    if (!Array.isArray(v.context)) fail('field "context" must be an array of {role, text}');
    context = (v.context as unknown[]).map((c, i) => {
      const item = c as Record<string, unknown>;
      if (!item || typeof item.text !== 'string' || !ROLES.includes(item.role as Role)) {
        fail(`context[${i}] must be {"role": "rep" | "prospect", "text": "..."}`);
      }
      return { role: item.role as Role, text: item.text as string };
    });
  }
  return {
    ...(v.id !== undefined ? { id: String(v.id) } : {}),
    role: v.role as Role,
    text: v.text as string,
    ...(context ? { context } : {}),
  };
}
