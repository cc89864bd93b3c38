import { passageStatus, type Passage } from './corpus.js';
import type { Docs } from './docs.js';

/**
 * Passages to review: they cite a document no longer in force and their text does not name its
 * successor (or, for a document that lapsed with none, does not say it lapsed) — written before the
 * department marked the document replaced. Not an error: the old rule is kept to explain what
 * changed. `thidua kb check` lists them, and so does the web dashboard.
 */
export interface StalePassage {
  passage: Passage;
  /** The document in force instead (the end of the chain of replacements), or null when it lapsed with none. */
  by: string | null;
  from: string;
}

/** Does the passage's text name this document (its number, e.g. "152/2025")? */
function names(p: Passage, docs: Docs, code: string): boolean {
  const num = docs.get(code)?.number?.split('/').slice(0, 2).join('/');
  return !!num && [p.title, p.lead, ...p.bullets, p.note ?? '', ...p.extra].some((t) => t.includes(num));
}

/** Does the passage's text say that its rule no longer applies ("hết hiệu lực", "không còn áp dụng")? */
function saysLapsed(p: Passage): boolean {
  return [p.title, p.lead, ...p.bullets, p.note ?? ''].some((t) => /hết hiệu lực|không còn (áp dụng|hiệu lực)/i.test(t.normalize('NFC')));
}

/** The passage when it needs a look on `day` (YYYY-MM-DD), with what replaced its rule. */
export function staleOn(p: Passage, docs: Docs, day: string): StalePassage | undefined {
  const status = passageStatus(p, docs, day);
  if (status.inForce || (status.by ? names(p, docs, status.by) : saysLapsed(p))) return undefined;
  return { passage: p, by: status.by, from: status.from };
}

export function stalePassages(passages: readonly Passage[], docs: Docs, day: string): StalePassage[] {
  return passages.map((p) => staleOn(p, docs, day)).filter((s): s is StalePassage => !!s);
}
