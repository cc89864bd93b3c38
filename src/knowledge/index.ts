/**
 * The knowledge engine: load once, then `ask()` per question. Built from four parts: the base
 * (registry, passages, index: base.ts), the standard answers (curated-answers.ts), the LLM phrasing
 * (llm-answers.ts) and the answering pipeline (answerer.ts).
 */
import type { Answer } from './answer.js';
import { loadBase } from './base.js';
import type { Passage } from './corpus.js';
import type { CuratedInput } from './curated.js';
import { loadCuratedAnswers } from './curated-answers.js';
import type { Docs } from './docs.js';
import { createPhraser, type LlmOptions } from './llm.js';
import { llmAnswers } from './llm-answers.js';
import { answerer } from './answerer.js';

export type { Answer, AnswerCitation, Topic } from './answer.js';
export type { Passage } from './corpus.js';
export type { Docs } from './docs.js';
export type { LlmOptions } from './llm.js';
export { THRESHOLDS } from './answerer.js';

export interface Knowledge {
  ask(question: string, opts?: { locale?: 'vi' | 'en' }): Promise<Answer>;
  /** The answer made of one passage: a topic picked among suggestions. Undefined for an unknown id. */
  explain(id: string, opts?: { locale?: 'vi' | 'en' }): Answer | undefined;
  passages: readonly Passage[];
  /** The document registry (data/documents.yaml). */
  docs: Docs;
  addCurated(entry: CuratedInput): Promise<void>;
  /** Problems met while loading (`file:line: message`); the passages concerned were left out. */
  issues: readonly string[];
}

export interface LoadOptions {
  dataDir: string;
  /** Where addCurated writes; default `<dataDir>/curated/added.yaml`. */
  curatedFile?: string;
  llm?: LlmOptions;
  /** Told why an LLM answer was not used (never given the key). */
  onLlmFallback?: (reason: string) => void;
  /** The day that decides legal status and money is taken in this time zone (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
  now?: () => Date;
}

export async function loadKnowledge(opts: LoadOptions): Promise<Knowledge> {
  const base = loadBase(opts);
  const curated = loadCuratedAnswers(base, opts);
  const phrase = opts.llm?.apiKey ? await createPhraser(opts.llm) : undefined;
  const { ask, explain } = answerer(base, curated, llmAnswers(base, phrase, opts.onLlmFallback));
  return { ask, explain, passages: base.passages, docs: base.docs, addCurated: (input) => curated.add(input), issues: [...base.issues, ...curated.issues] };
}
