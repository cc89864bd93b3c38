/** Composing answers from retrieved passages: extractive text, citations, warnings, refusals. */
import { tr } from '../bot/i18n.js';
import { DOCS, citeText, type Citation } from './docs.js';
import type { Passage } from './corpus.js';
import type { Lang } from './analyze.js';
import { viTerms } from './analyze.js';
import type { Hit } from './search.js';
import { KM } from './messages.js';
import { relatedConcepts } from './lexicon.js';

export interface AnswerCitation {
  doc: string;
  article?: string;
  clause?: string;
  title: string;
  id: string;
}

export interface Answer {
  answered: boolean;
  answer: string;
  citations: AnswerCitation[];
  /** 0–1: how sure the engine is that the answer addresses the question. */
  confidence: number;
  /** True when the answer rests on a rule that is no longer in force. */
  superseded: boolean;
  source: 'curated' | 'extractive' | 'llm' | 'none';
}

/** When to answer at all, and when a second passage is worth showing. */
export const THRESHOLDS = {
  /** Least match quality (see Hit.quality) of the best passage: under it the engine does not answer. */
  minQuality: 0.5,
  /** Least BM25 score of the best passage. */
  minScore: 6,
  /** A second passage is shown in full when its score is at least this share of the best one's. */
  second: 0.75,
  /** A third passage is listed under "see also" above this share. */
  seeAlso: 0.6,
  /** At most this many bullets of one passage. */
  maxBullets: 6,
};

/**
 * Reorders hits by the titles they are about: a passage whose title names only other titles than the
 * question does goes down ("LĐTT" must not yield "Tập thể LĐTT"). Passages about no title are left as they are.
 */
export function rerankByConcept(hits: Hit[], question: Set<string>, titleConcepts: (index: number) => Set<string>): Hit[] {
  const q = [...question].filter((c) => !c.startsWith('#'));
  if (q.length === 0) return hits;
  for (const h of hits) {
    const t = [...titleConcepts(h.index)].filter((c) => !c.startsWith('#'));
    if (t.length === 0) continue;
    if (!t.some((c) => q.some((x) => relatedConcepts(c, x)))) h.score *= CONCEPT_PENALTY;
  }
  return hits.sort((a, b) => b.score - a.score);
}
const CONCEPT_PENALTY = 0.65;

export interface Retrieved {
  passage: Passage;
  hit: Hit;
}

const CONF_FACTOR = { high: 1, medium: 0.85, low: 0.55 } as const;

export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-');
  if (lang === 'vi') return `${d}/${m}/${y}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
}

/** One "Căn cứ" line: "Điều 23 Luật … (hiệu lực 01/01/2024)", or "(đã hết hiệu lực)" for a replaced document. */
export function sourceLine(c: Citation, lang: Lang, effective?: string | null): string {
  const cite = citeText(c, lang);
  const info = DOCS[c.doc];
  if (info?.supersededBy) return tr(lang, KM.noLongerInForce, { cite });
  const date = effective ?? info?.effective;
  return date ? tr(lang, KM.inForce, { cite, date: formatDate(date, lang) }) : cite;
}

export function toCitation(p: Passage): AnswerCitation {
  const c: AnswerCitation = { doc: p.doc, title: p.title, id: p.id };
  if (p.article) c.article = p.article;
  if (p.clause) c.clause = p.clause;
  return c;
}

/** Keeps the bullets that share most with the question when there are too many, in their original order. */
export function pickBullets(bullets: string[], question: string, max: number, idf: (t: string) => number): string[] {
  if (bullets.length <= max) return bullets;
  const q = new Set(viTerms(question));
  const scored = bullets.map((b, i) => ({ i, s: viTerms(b).reduce((a, t) => a + (q.has(t) ? idf(t) : 0), 0) }));
  const keep = new Set(scored.sort((a, b) => b.s - a.s || a.i - b.i).slice(0, max).map((x) => x.i));
  return bullets.filter((_, i) => keep.has(i));
}

/** Warnings owed for the passages an answer rests on: replaced rules, unverified content. */
export function warningsFor(passages: Passage[], lang: Lang): string[] {
  const out: string[] = [];
  for (const p of passages) {
    if (p.supersededBy) {
      const known = DOCS[p.supersededBy];
      if (known && !known.code.startsWith('unknown-')) out.push(tr(lang, KM.superseded, { by: citeText({ doc: p.supersededBy }, lang) }));
      else out.push(tr(lang, KM.supersededUnknown, { by: citeText({ doc: p.doc }, lang) }));
    }
    if (p.confidence === 'low') out.push(tr(lang, KM.lowConfidence, { title: p.title, source: p.source }));
  }
  return [...new Set(out)];
}

export function sourcesBlock(passages: Passage[], lang: Lang): string {
  // "Điều 24" adds nothing beside "khoản 1 Điều 24" of the same document.
  const withClause = new Set(passages.filter((p) => p.clause).map((p) => `${p.doc}|${p.article}`));
  const cited = passages.filter((p) => p.clause || !p.article || !withClause.has(`${p.doc}|${p.article}`));
  const lines = cited.map((p) => `- ${sourceLine(p, lang, p.effective)}`);
  return [tr(lang, KM.sources), ...[...new Set(lines)]].join('\n');
}

/** Confidence of an answer built on these hits (retrieval strength × how verified the passage is). */
export function confidenceOf(r: Retrieved): number {
  const strength = Math.min(1, 0.3 + r.hit.quality);
  const factor = CONF_FACTOR[r.passage.confidence] * (r.passage.supersededBy ? 0.7 : 1);
  return Math.round(strength * factor * 100) / 100;
}

/** The passages an answer uses: the best, a close second, and one "see also". */
export function selectPassages(hits: Retrieved[]): { main: Retrieved[]; seeAlso: Retrieved[] } {
  const [best, ...rest] = hits;
  const main = [best];
  const seeAlso: Retrieved[] = [];
  for (const r of rest) {
    const ratio = r.hit.score / best.hit.score;
    if (main.length < 2 && ratio >= THRESHOLDS.second && r.hit.quality >= THRESHOLDS.minQuality) main.push(r);
    else if (seeAlso.length < 1 && main.length + seeAlso.length < 3 && ratio >= THRESHOLDS.seeAlso) seeAlso.push(r);
  }
  return { main, seeAlso };
}

function passageText(p: Passage, question: string, lang: Lang, maxBullets: number, idf: (t: string) => number, withTitle: boolean): string {
  const lines: string[] = [];
  if (lang === 'en' && p.en) {
    lines.push(withTitle ? `${p.title}: ${p.en}` : p.en);
    return lines.join('\n');
  }
  if (lang === 'en') lines.push(tr(lang, KM.noEnglish));
  lines.push(withTitle ? `${p.title}: ${p.lead}` : p.lead);
  for (const b of pickBullets(p.bullets, question, maxBullets, idf)) lines.push(`- ${b}`);
  if (p.note) lines.push(tr(lang, KM.note, { text: p.note }));
  return lines.join('\n');
}

/** "Title (citation)" for a passage listed under "see also", marked when no longer in force. */
function seeAlsoItem(p: Passage, lang: Lang): string {
  const cite = citeText(p, lang);
  const base = p.title.includes(cite) ? p.title : `${p.title} (${cite})`;
  return p.supersededBy ? `${base} — ${tr(lang, KM.old)}` : base;
}

/** The extractive answer: the best passage's lead and key bullets (and a close second), warnings, sources. */
export function extractive(question: string, hits: Retrieved[], lang: Lang, idf: (t: string) => number): Answer {
  const { main, seeAlso } = selectPassages(hits);
  // A second passage is shown in full too: cutting a list of criteria (e.g. "≥ 1 CSTĐCS" of TTLĐXS) would change what it says.
  const parts = main.map((r, i) => passageText(r.passage, question, lang, THRESHOLDS.maxBullets, idf, i > 0));
  const used = [...main, ...seeAlso].map((r) => r.passage);
  if (seeAlso.length) parts.push(tr(lang, KM.seeAlso, { items: seeAlso.map((r) => seeAlsoItem(r.passage, lang)).join('; ') }));
  const warnings = warningsFor(main.map((r) => r.passage), lang);
  if (warnings.length) parts.push(warnings.join('\n'));
  parts.push(sourcesBlock(used, lang));
  return {
    answered: true,
    answer: parts.join('\n\n'),
    citations: used.map(toCitation),
    confidence: confidenceOf(main[0]),
    superseded: main.some((r) => r.passage.supersededBy !== null),
    source: 'extractive',
  };
}

export function refusal(lang: Lang, confidence = 0): Answer {
  return { answered: false, answer: tr(lang, KM.notCovered), citations: [], confidence, superseded: false, source: 'none' };
}
