import { confidenceOf, sourcesBlock, toCitation, warningsFor, type Answer, type Composer, type Retrieved } from './answer.js';
import type { Base } from './base.js';
import { passageStatus } from './corpus.js';
import type { Phraser } from './llm.js';

/**
 * An extractive answer phrased by the LLM from the retrieved passages only; the phrasing must cite
 * them (checked by the phraser), else the fallback stands and `onFallback` is told why. When retrieval was
 * unsure, the fallback is the list of closest topics: a phrasing that cites some of them answers, and the
 * topics it did not use are still offered.
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
    const others = (fallback.suggestions ?? fallback.related ?? []).filter((t) => !r.citations.includes(t.id));
    const { suggestions: _offered, related: _close, ...rest } = fallback;
    return {
      ...rest,
      ...(others.length ? { related: others } : {}),
      answered: true,
      answer: parts.join('\n\n'),
      citations: usedPassages.map((p) => toCitation(p, k.lang)),
      confidence: Math.max(...used.map((u) => confidenceOf(u, k))),
      superseded: usedPassages.some((p) => !passageStatus(p, docs, k.day).inForce),
      source: 'llm',
    };
  };
}
