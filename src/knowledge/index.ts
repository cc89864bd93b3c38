/** The knowledge engine: load once, then `ask()` per question (curated → retrieval → optional LLM phrasing). */
import path from 'node:path';
import { tr } from '../bot/i18n.js';
import { loadCorpus, type Passage } from './corpus.js';
import { detectLang, enWords, namePairs, viTerms, viTokens, type Lang } from './analyze.js';
import { DomainAnchors } from './anchor.js';
import { conceptsOf } from './lexicon.js';
import { citeText, type Citation } from './docs.js';
import { SearchIndex, passageFields } from './search.js';
import {
  THRESHOLDS,
  confidenceOf,
  rerankByConcept,
  extractive,
  refusal,
  sourceLine,
  sourcesBlock,
  toCitation,
  warningsFor,
  type Answer,
  type AnswerCitation,
  type Retrieved,
} from './answer.js';
import { CuratedSet, appendCurated, curatedFiles, loadCurated, newEntry, type CuratedEntry, type CuratedInput } from './curated.js';
import { createPhraser, type LlmOptions, type Phraser } from './llm.js';
import { KM } from './messages.js';
import { formatIssue } from './yamlpos.js';

export type { Answer, AnswerCitation } from './answer.js';
export type { Passage } from './corpus.js';
export type { LlmOptions } from './llm.js';

export interface Knowledge {
  ask(question: string, opts?: { locale?: 'vi' | 'en' }): Promise<Answer>;
  passages: readonly Passage[];
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
}

/** How many passages retrieval hands to answer composition / the LLM. */
const TOP_K = 5;
/** Superseded rules rank a little lower, so the rule in force wins a near tie. */
const SUPERSEDED_WEIGHT = 0.85;
const MAX_QUESTION = 1000;

export async function loadKnowledge(opts: LoadOptions): Promise<Knowledge> {
  const corpus = loadCorpus(path.join(opts.dataDir, 'knowledge'));
  const passages = corpus.passages;
  const index = new SearchIndex(
    passages.map(passageFields),
    passages.map((p) => (p.supersededBy ? SUPERSEDED_WEIGHT : 1)),
  );
  const idf = (t: string) => index.idf(t);
  const titleConcepts = passages.map((p) => conceptsOf(viTokens(p.title)));
  const anchors = new DomainAnchors(passages);

  const curatedFile = opts.curatedFile ?? path.join(opts.dataDir, 'curated', 'added.yaml');
  const files = curatedFiles(path.join(opts.dataDir, 'curated'));
  if (!files.includes(curatedFile)) files.push(curatedFile);
  const cur = loadCurated(files);
  const curated = new CuratedSet(idf);
  for (const e of cur.entries) curated.add(e);
  const issues = [...corpus.issues, ...cur.issues].map(formatIssue);

  const phrase: Phraser | undefined = opts.llm?.apiKey ? await createPhraser(opts.llm) : undefined;
  let writes: Promise<void> = Promise.resolve();

  /** The passage a curated citation stands for: same document and article, closest in wording to the answer. */
  function passageFor(c: Citation, answerTerms: Set<string>): Passage | undefined {
    const same = passages.filter((x) => x.doc === c.doc && x.article === c.article);
    const exact = same.filter((x) => !c.clause || x.clause === c.clause);
    const pool = exact.length ? exact : same;
    let best: Passage | undefined;
    let bestScore = -1;
    for (const p of pool) {
      const score = viTerms([p.title, p.lead, ...p.bullets].join('\n')).reduce((a, t) => a + (answerTerms.has(t) ? idf(t) : 0), 0);
      if (score > bestScore) [best, bestScore] = [p, score];
    }
    return best;
  }

  const curatedCitations = new Map<string, AnswerCitation[]>();
  function citationsOf(e: CuratedEntry): AnswerCitation[] {
    let out = curatedCitations.get(e.id);
    if (out) return out;
    const answerTerms = new Set(viTerms(`${e.questions.join('\n')}\n${e.answer}`));
    out = e.citations.map((c) => {
      const p = passageFor(c, answerTerms);
      const cit: AnswerCitation = { doc: c.doc, title: p?.title ?? citeText(c, 'vi'), id: p?.id ?? e.id };
      if (c.article) cit.article = c.article;
      if (c.clause) cit.clause = c.clause;
      return cit;
    });
    curatedCitations.set(e.id, out);
    return out;
  }

  function curatedAnswer(e: CuratedEntry, similarity: number, lang: Lang): Answer {
    const citations = citationsOf(e);
    const text = lang === 'en' ? (e.answer_en ?? `${tr(lang, KM.noEnglish)}\n${e.answer.trim()}`) : e.answer;
    const lines = [tr(lang, KM.sources), ...e.citations.map((c) => `- ${sourceLine(c, lang)}`)];
    return {
      answered: true,
      answer: `${text.trim()}\n\n${lines.join('\n')}`,
      citations,
      confidence: Math.round(Math.min(0.98, 0.6 + similarity * 0.4) * 100) / 100,
      superseded: false,
      source: 'curated',
    };
  }

  async function withLlm(question: string, lang: Lang, retrieved: Retrieved[], fallback: Answer): Promise<Answer> {
    if (!phrase) return fallback;
    const r = await phrase(question, lang, retrieved.map((x) => x.passage));
    if (!r.ok) {
      opts.onLlmFallback?.(r.reason);
      return fallback;
    }
    const used = r.citations.map((id) => retrieved.find((x) => x.passage.id === id)!);
    const usedPassages = used.map((x) => x.passage);
    const warnings = warningsFor(usedPassages, lang);
    const parts = [r.answer.trim(), ...(warnings.length ? [warnings.join('\n')] : []), sourcesBlock(usedPassages, lang)];
    return {
      answered: true,
      answer: parts.join('\n\n'),
      citations: usedPassages.map(toCitation),
      confidence: Math.max(...used.map(confidenceOf)),
      superseded: usedPassages.some((p) => p.supersededBy !== null),
      source: 'llm',
    };
  }

  async function ask(question: string, o: { locale?: 'vi' | 'en' } = {}): Promise<Answer> {
    let lang: Lang = o.locale ?? 'vi';
    try {
      const q = String(question ?? '').normalize('NFC').trim().slice(0, MAX_QUESTION);
      lang = detectLang(q) ?? lang;
      if (!q) return { ...refusal(lang), answer: tr(lang, KM.empty) };
      const c = curated.match(q);
      if (c) return curatedAnswer(c.entry, c.similarity, lang);
      const found = index.search(q, lang, TOP_K + 3);
      // A question naming nothing of emulation and commendation is about another domain (lương, tập sự, công chứng…).
      // English questions are also read word by word, for document numbers left untranslated ("Decree 98/2023").
      if (!anchors.has(q, found.plan.words, lang === 'en' ? enWords(q) : [])) return refusal(lang);
      const hits = rerankByConcept(found.hits, conceptsOf(found.plan.words), (i) => titleConcepts[i]).slice(0, TOP_K);
      const best = hits[0];
      // A proper name no passage mentions ("danh hiệu Nhà giáo nhân dân", "Công an nhân dân") is another subject.
      const names = best?.foreign.length ? namePairs(q) : undefined;
      const unknownName = !!names && best.foreign.some((f) => names.has(f));
      if (!best || unknownName || best.quality < THRESHOLDS.minQuality || best.score < THRESHOLDS.minScore) {
        return refusal(lang, best ? Math.round(best.quality * 50) / 100 : 0);
      }
      const retrieved = hits
        .filter((h) => h.quality >= THRESHOLDS.minQuality * 0.75)
        .map((hit) => ({ passage: passages[hit.index], hit }));
      const answer = extractive(q, retrieved, lang, idf);
      return await withLlm(q, lang, retrieved, answer);
    } catch {
      return { ...refusal(lang), answer: tr(lang, KM.failed) };
    }
  }

  async function addCurated(input: CuratedInput): Promise<void> {
    const entry = newEntry(input);
    const run = writes.then(() => appendCurated(curatedFile, entry));
    writes = run.catch(() => undefined);
    await run;
    curated.add(entry);
  }

  return { ask, passages, addCurated, issues };
}
