/**
 * The knowledge engine: load once, then `ask()` per question.
 * curated answer → scope (emulation and commendation, or another domain) → retrieval → answer, or the closest
 * topics when retrieval is unsure → optional LLM phrasing, checked against the passages.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { tr } from '../text/i18n.js';
import { fold } from '../text/vntext.js';
import { truncate } from '../text/truncate.js';
import { loadCorpus, passageStatus, type Passage } from './corpus.js';
import { detectLang, enWords, viTerms, viTokens, type Lang } from './analyze.js';
import { DomainAnchors } from './anchor.js';
import { conceptsOf, normWords, relatedConcepts } from './lexicon.js';
import { dayIn, loadDocs, type Citation, type Docs } from './docs.js';
import { SearchIndex, passageFields } from './search.js';
import {
  confidenceOf,
  extractive,
  refusal,
  rerankByConcept,
  sourceLine,
  sourcesBlock,
  suggestionsAnswer,
  toCitation,
  topicOf,
  warningsFor,
  type Answer,
  type AnswerCitation,
  type Composer,
  type Retrieved,
  type Topic,
} from './answer.js';
import { CuratedSet, appendCurated, curatedFiles, loadCurated, newEntry, unknownDocs, type CuratedEntry, type CuratedInput } from './curated.js';
import { figuresFor } from './figures.js';
import { splitFocus } from './focus.js';
import { createPhraser, type LlmOptions, type Phraser } from './llm.js';
import { M } from './messages.js';
import { ForeignTopics } from './scope.js';
import { loadTitles, type Title } from '../domain/titles.js';
import { formatIssue } from '../domain/yamlpos.js';

export type { Answer, AnswerCitation, Topic } from './answer.js';
export type { Passage } from './corpus.js';
export type { Docs } from './docs.js';
export type { LlmOptions } from './llm.js';

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

/** How many passages retrieval hands to answer composition / the LLM. */
const TOP_K = 5;
/**
 * Rules no longer in force rank lower, so the rule in force wins unless the question asks about the past
 * (names a replaced document, or says "cũ", "trước đây", "còn áp dụng", "hết hiệu lực"…).
 */
const OLD_WEIGHT = 0.6;
const PAST = /\b(cu|truoc day|truoc kia|con ap dung|con hieu luc|het hieu luc|thay the|bai bo|old|previous|still valid|still apply|no longer)\b/;
const MAX_QUESTION = 1000;

/**
 * When to answer. Match quality (search.ts: the share of the question's words, weighted by rarity, that the
 * best passage explains) is measured on the asking sentence. Below `suggest` the engine does not answer and
 * offers the closest topics; between `suggest` and `sure` it answers and also offers other close topics.
 * Set on the tuning half of test/knowledge/officer-questions.jsonl (real questions from public Q&A pages);
 * figures are reported on the other half (`npm run eval`).
 */
export const THRESHOLDS = { suggest: 0.2, sure: 0.45 };

export async function loadKnowledge(opts: LoadOptions): Promise<Knowledge> {
  const { docs, issues: docIssues } = loadDocs(opts.dataDir);
  const corpus = loadCorpus(path.join(opts.dataDir, 'knowledge'));
  const passages = corpus.passages;
  const timeZone = opts.timeZone ?? 'Asia/Ho_Chi_Minh';
  const today = () => dayIn(timeZone, opts.now?.() ?? new Date());
  const index = new SearchIndex(passages.map((p) => passageFields(p, docs)));
  /** Numbers of the documents no longer in force ("98/2023", "05/2018"), to tell a question about the past. */
  const oldNumbers = (day: string) =>
    docs
      .all()
      .filter((d) => !docs.status(d.code, day).inForce && d.number)
      .map((d) => d.number!.split('/').slice(0, 2).join('/'));
  const asksAboutThePast = (q: string, day: string) => PAST.test(` ${fold(q).replace(/[^a-z0-9/]+/g, ' ')} `) || oldNumbers(day).some((n) => q.includes(n));
  const idf = (t: string) => index.idf(t);
  const titleConcepts = passages.map((p) => conceptsOf(viTokens(p.title)));
  const anchors = new DomainAnchors(passages, docs);
  const passageWords = passages.map((p) => ` ${normWords([p.title, ...p.keywords, p.lead, ...p.bullets, p.note ?? ''].join(' ')).join(' ')} `);
  const foreign = new ForeignTopics((w) => passageWords.some((t) => t.includes(` ${w.join(' ')} `)));
  const titlesFile = path.join(opts.dataDir, 'titles.yaml');
  const titles: Title[] = existsSync(titlesFile) ? loadTitles(titlesFile) : [];

  const curatedFile = opts.curatedFile ?? path.join(opts.dataDir, 'curated', 'added.yaml');
  const files = curatedFiles(path.join(opts.dataDir, 'curated'));
  if (!files.includes(curatedFile)) files.push(curatedFile);
  const cur = loadCurated(files);
  const curated = new CuratedSet(idf);
  const curatedIssues: string[] = [];
  for (const e of cur.entries) {
    const unknown = unknownDocs(e, docs);
    if (unknown.length) curatedIssues.push(`curated answer "${e.id}": unknown document code ${unknown.join(', ')} (left out)`);
    else curated.add(e);
  }
  const issues = [...docIssues.map(formatIssue), ...[...corpus.issues, ...cur.issues].map(formatIssue), ...curatedIssues];
  const byId = new Map(passages.map((p, i) => [p.id, i]));

  const phrase: Phraser | undefined = opts.llm?.apiKey ? await createPhraser(opts.llm) : undefined;
  let writes: Promise<void> = Promise.resolve();

  const composer = (lang: Lang): Composer => ({ docs, day: today(), lang, idf });

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
      const cit: AnswerCitation = { doc: c.doc, title: p?.title ?? docs.cite(c, 'vi'), id: p?.id ?? e.id };
      if (c.article) cit.article = c.article;
      if (c.clause) cit.clause = c.clause;
      return cit;
    });
    curatedCitations.set(e.id, out);
    return out;
  }

  function curatedAnswer(e: CuratedEntry, similarity: number, lang: Lang): Answer {
    const k = composer(lang);
    const text = lang === 'en' ? (e.answer_en ?? `${tr(lang, M.noEnglish)}\n${e.answer.trim()}`) : e.answer;
    const lines = [tr(lang, M.sources), ...e.citations.map((c) => `- ${sourceLine(c, k)}`)];
    return {
      answered: true,
      answer: `${text.trim()}\n\n${lines.join('\n')}`,
      citations: citationsOf(e),
      confidence: Math.round(Math.min(0.98, 0.6 + similarity * 0.4) * 100) / 100,
      superseded: false,
      source: 'curated',
    };
  }

  async function withLlm(question: string, k: Composer, retrieved: Retrieved[], fallback: Answer): Promise<Answer> {
    if (!phrase) return fallback;
    const r = await phrase(question, k, retrieved.map((x) => x.passage));
    if (!r.ok) {
      opts.onLlmFallback?.(r.reason);
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
  }

  async function ask(question: string, o: { locale?: 'vi' | 'en' } = {}): Promise<Answer> {
    let lang: Lang = o.locale ?? 'vi';
    try {
      const q = truncate(String(question ?? '').normalize('NFC').trim(), MAX_QUESTION, '');
      lang = detectLang(q) ?? lang;
      if (!q) return refusal(lang, M.empty);
      const c = curated.match(q);
      if (c) return curatedAnswer(c.entry, c.similarity, lang);
      const found = index.search(q, lang, TOP_K + 3);
      // A question naming nothing of emulation and commendation is about another domain (lương, công chứng…).
      // English questions are also read word by word, for document numbers left untranslated ("Decree 98/2023").
      if (!anchors.has(q, found.all.words, lang === 'en' ? enWords(q) : [])) return refusal(lang);
      // One that names the domain but asks about a neighbouring one (the tax on a bonus, a pension) is refused with that domain named.
      const other = foreign.topicOf(splitFocus(q).focus);
      if (other) return refusal(lang, M.otherDomain, { topic: other[lang] });
      const day = today();
      if (!asksAboutThePast(q, day)) for (const h of found.hits) if (!passageStatus(passages[h.index], docs, day).inForce) h.score *= OLD_WEIGHT;
      const hits = rerankByConcept(found.hits, conceptsOf(found.plan.words), (i) => titleConcepts[i]).slice(0, TOP_K);
      if (!hits.length) return refusal(lang);
      const retrieved = hits.map((hit) => ({ passage: passages[hit.index], hit }));
      const k = composer(lang);
      const figures = titles.length ? figuresFor(q, titles, docs, lang) : undefined;
      const best = hits[0];
      if (!figures && best.quality < THRESHOLDS.suggest) {
        return suggestionsAnswer(distinctTopics(retrieved, lang, 3), lang, confidenceOf(retrieved[0], k));
      }
      // A passage is on topic when the question names no title, or when the passage's title names one of those it names.
      const asked = [...conceptsOf(found.plan.words)].filter((x) => !x.startsWith('#'));
      const onTopic = (r: Retrieved) => asked.length === 0 || [...titleConcepts[r.hit.index]].some((x) => asked.some((y) => relatedConcepts(x, y)));
      const answer = extractive(q, retrieved, k, figures?.text, onTopic);
      if (best.quality < THRESHOLDS.sure) {
        const cited = new Set(answer.citations.map((x) => x.id));
        const related = distinctTopics(retrieved, lang, 5).filter((t) => !cited.has(t.id)).slice(0, 2);
        if (related.length) answer.related = related;
      }
      return figures ? answer : await withLlm(q, k, retrieved, answer);
    } catch {
      return refusal(lang, M.failed);
    }
  }

  /** Up to n passages as topics, one per title. */
  function distinctTopics(retrieved: Retrieved[], lang: Lang, n: number): Topic[] {
    const seen = new Set<string>();
    const out: Topic[] = [];
    for (const r of retrieved) {
      const t = topicOf(r.passage, lang);
      if (seen.has(t.title)) continue;
      seen.add(t.title);
      out.push(t);
      if (out.length === n) break;
    }
    return out;
  }

  function explain(id: string, o: { locale?: 'vi' | 'en' } = {}): Answer | undefined {
    const i = byId.get(id);
    if (i === undefined) return undefined;
    const hit = { index: i, score: 1, coverage: 1, explained: 1, weightedExplained: 1, distinctive: 1, quality: 1, foreign: [] };
    return extractive('', [{ passage: passages[i], hit }], composer(o.locale ?? 'vi'));
  }

  async function addCurated(input: CuratedInput): Promise<void> {
    const entry = newEntry(input, docs);
    const run = writes.then(() => appendCurated(curatedFile, entry));
    writes = run.catch(() => undefined);
    await run;
    curated.add(entry);
  }

  return { ask, explain, passages, docs, addCurated, issues };
}
