import type { Analysis } from '../core/types.js';

/** The Analysis as one line of JSON (JSON-lines friendly for folder runs). */
export function renderJson(a: Analysis): string {
  return JSON.stringify(a);
}
