import { confidenceOf, sourcesBlock, toCitation, warningsFor, type Answer, type Composer, type Retrieved } from './answer.js';
import type { Base } from './base.js';
import { passageStatus } from './corpus.js';
import type { Phraser } from './llm.js';

/**
 * An extractive answer phrased by the LLM from the retrieved passages only; the phrasing must cite
 * them (checked by the phraser), else the extractive answer stands and `onFallback` is told why.
 */
export function llmAnswers(base: Base, phrase: Phraser | undefined, onFallback?: (reason: string) => void) {
  const { docs } = base;
  return async function withLlm(question: string, k: Composer, retrieved: Retrieved[], fallback: Answer): Promise<Answer> {
    if (!phrase) return fallback;
    const r = await phrase(question, k, retrieved.map((x) => x.passage));
    if (!r.ok) {
      onFallback?.(r.reason);
      return fallback;
    }
    const used = r.citations.map((id) => retrieved.find((x) => x.passage.id === id)!);
    const usedPassages = used.map((x) => x.passage);
    const warnings = warningsFor(usedPassages, k);
    const parts = [r.answer.trim(), ...(warnings.length ? [warnings.join('\n')] : []), sourcesBlock(usedPassages, k, r.salary)];
    return {
      ...fallback,
      answer: parts.join('\n\n'),
      citations: usedPassages.map((p) => toCitation(p, k.lang)),
      confidence: Math.max(...used.map((u) => confidenceOf(u, k))),
      superseded: usedPassages.some((p) => !passageStatus(p, docs, k.day).inForce),
      source: 'llm',
    };
  };
}
