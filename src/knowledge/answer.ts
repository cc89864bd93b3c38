/** Composing answers from retrieved passages: extractive text, citations, warnings, suggestions, refusals. */
import { tr, type Msg } from '../text/i18n.js';
import type { Lang } from './analyze.js';
import { viTerms } from './analyze.js';
import { passageStatus, type Passage } from './corpus.js';
import type { BaseSalary, Citation, Docs } from './docs.js';
import { relatedConcepts } from './lexicon.js';
import { M } from './messages.js';
import { renderMoney } from './money.js';
import type { Hit } from './search.js';

export interface AnswerCitation {
  doc: string;
  article?: string;
  clause?: string;
  title: string;
  id: string;
}

/** A passage offered as a topic ("Có phải bạn hỏi về…"). */
export interface Topic {
  id: string;
  title: string;
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
  /** Not answered, but the question is in the domain: the closest topics, offered instead. */
  suggestions?: Topic[];
  /** Answered without full certainty: other close topics the asker may have meant. */
  related?: Topic[];
}

/** What every composition needs: the registry, the day (for legal status and money), the language. */
export interface Composer {
  docs: Docs;
  day: string;
  lang: Lang;
  idf: (t: string) => number;
}

/** When to show more than one passage. */
export const SHOW = {
  /** A second passage is shown in full when its score is at least this share of the best one's. */
  second: 0.75,
  /** Another passage is listed under "see also" above this share. */
  seeAlso: 0.6,
  /** At most this many bullets of one passage. */
  maxBullets: 6,
};

/**
 * Reorders hits by the titles and awards they are about: a passage whose title names only other titles or
 * awards than the question does goes down ("LĐTT" must not yield "Tập thể LĐTT", "Huân chương Hữu nghị" not
 * "Huy chương Hữu nghị"). Passages about no title are left as they are.
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

export const titleOf = (p: Passage, lang: Lang): string => (lang === 'en' && p.titleEn ? p.titleEn : p.title);

/** One "Căn cứ" line: "Điều 23 Luật … (hiệu lực 01/01/2024)", or when and by what it was replaced. */
export function sourceLine(c: Citation, k: Composer, effective?: string | null): string {
  const { docs, day, lang } = k;
  const cite = docs.cite(c, lang);
  const status = docs.status(c.doc, day);
  if (!status.inForce) {
    const date = formatDate(status.from, lang);
    return status.by ? tr(lang, M.replacedOn, { cite, date, by: docs.cite({ doc: status.by }, lang) }) : tr(lang, M.lapsedOn, { cite, date });
  }
  const date = effective ?? docs.get(c.doc)?.effective;
  return date ? tr(lang, M.inForce, { cite, date: formatDate(date, lang) }) : cite;
}

export function toCitation(p: Passage, lang: Lang = 'vi'): AnswerCitation {
  const c: AnswerCitation = { doc: p.doc, title: titleOf(p, lang), id: p.id };
  if (p.article) c.article = p.article;
  if (p.clause) c.clause = p.clause;
  return c;
}

export const topicOf = (p: Passage, lang: Lang): Topic => ({ id: p.id, title: titleOf(p, lang) });

/** Keeps the bullets that share most with the question when there are too many, in their original order. */
export function pickBullets(bullets: string[], question: string, max: number, idf: (t: string) => number): string[] {
  if (bullets.length <= max) return bullets;
  const q = new Set(viTerms(question));
  const scored = bullets.map((b, i) => ({ i, s: viTerms(b).reduce((a, t) => a + (q.has(t) ? idf(t) : 0), 0) }));
  const keep = new Set(scored.sort((a, b) => b.s - a.s || a.i - b.i).slice(0, max).map((x) => x.i));
  return bullets.filter((_, i) => keep.has(i));
}

/** Warnings owed for the passages an answer rests on: replaced rules, amended laws, unverified content. */
/** A document that lapses within this many days (a sunset clause) is named with its end date in answers citing it. */
const EXPIRY_NOTICE_DAYS = 180;

export function warningsFor(passages: Passage[], k: Composer): string[] {
  const { docs, day, lang } = k;
  const out: string[] = [];
  for (const p of passages) {
    const s = passageStatus(p, docs, day);
    if (!s.inForce) {
      out.push(s.by ? tr(lang, M.superseded, { by: docs.cite({ doc: s.by }, lang), date: formatDate(s.from, lang) }) : tr(lang, M.lapsed, { cite: docs.cite({ doc: p.doc }, lang), date: formatDate(s.from, lang) }));
      continue;
    }
    // The first source, the one to check (the rest are in the passage's front-matter): a list of addresses is unreadable in a chat.
    if (p.confidence === 'low') out.push(tr(lang, M.lowConfidence, { title: titleOf(p, lang), source: p.source.split(/\s+;\s+/)[0] }));
    const ends = docs.get(p.doc)?.expired;
    if (ends && Date.parse(ends) - Date.parse(day) <= EXPIRY_NOTICE_DAYS * 86400_000) out.push(tr(lang, M.expiring, { cite: docs.cite({ doc: p.doc }, lang), date: formatDate(ends, lang) }));
    for (const code of docs.get(p.doc)?.amendedBy ?? []) {
      const a = docs.get(code);
      if (!a?.effective || a.effective > day) continue;
      out.push(tr(lang, M.amended, { doc: docs.short(p.doc, lang), by: docs.short(code, lang), date: formatDate(a.effective, lang), note: a.note?.[lang] ?? '' }).trim());
    }
  }
  return [...new Set(out)];
}

/** "Căn cứ:" with one line per passage used (a whole article is not listed beside a clause of it), and the base salary when money was computed. */
export function sourcesBlock(passages: Passage[], k: Composer, salary?: BaseSalary): string {
  const withClause = new Set(passages.filter((p) => p.clause).map((p) => `${p.doc}|${p.article}`));
  const cited = passages.filter((p) => p.clause || !p.article || !withClause.has(`${p.doc}|${p.article}`));
  const lines = cited.map((p) => `- ${sourceLine(p, k, p.effective)}`);
  if (salary) lines.push(`- ${tr(k.lang, M.salarySource, { cite: k.docs.cite({ doc: salary.doc }, k.lang) })}`);
  return [tr(k.lang, M.sources), ...new Set(lines)].join('\n');
}

/** Confidence of an answer built on these hits (retrieval strength × how verified the passage is). */
export function confidenceOf(r: Retrieved, k: Pick<Composer, 'docs' | 'day'>): number {
  const strength = Math.min(1, 0.3 + r.hit.quality);
  const factor = CONF_FACTOR[r.passage.confidence] * (passageStatus(r.passage, k.docs, k.day).inForce ? 1 : 0.7);
  return Math.round(strength * factor * 100) / 100;
}

/**
 * The passages an answer uses: the best, a close second, and up to two "see also". A second passage is shown
 * in full only when it is about what the question names (`onTopic`, told whether the passage is another clause
 * of the best one's article): another clause of the same article, or a passage about the titles the question
 * names, and not one for the other kind of recipient (a collective's rule for a question about a person); others
 * are listed under "see also". A rule no longer in force
 * is never shown in full beside one in force: it is listed under "see also", marked old. A message asking
 * several things has one lead passage per question (`leads`), all shown in full.
 */
export function selectPassages(
  hits: Retrieved[],
  k: Pick<Composer, 'docs' | 'day'>,
  onTopic: (r: Retrieved, sameArticle: boolean) => boolean = () => true,
  leads = 1,
): { main: Retrieved[]; seeAlso: Retrieved[] } {
  if (leads > 1) {
    const main = hits.slice(0, leads);
    return { main, seeAlso: hits.slice(leads).filter((r) => r.hit.score / main[0].hit.score >= SHOW.seeAlso).slice(0, 1) };
  }
  const [best, ...rest] = hits;
  const main = [best];
  const seeAlso: Retrieved[] = [];
  const inForce = (r: Retrieved) => passageStatus(r.passage, k.docs, k.day).inForce;
  const sameArticle = (r: Retrieved) => r.passage.doc === best.passage.doc && !!r.passage.article && r.passage.article === best.passage.article;
  for (const r of rest) {
    const ratio = r.hit.score / best.hit.score;
    if (main.length < 2 && ratio >= SHOW.second && (inForce(r) || !inForce(best)) && onTopic(r, sameArticle(r))) main.push(r);
    else if (main.length + seeAlso.length < 3 && ratio >= SHOW.seeAlso) seeAlso.push(r);
  }
  return { main, seeAlso };
}

/** A passage's text for the day (money computed), with the base salary used if any. */
export function passageText(p: Passage, question: string, k: Composer, withTitle: boolean): { text: string; salary?: BaseSalary } {
  const { lang } = k;
  const lines: string[] = [];
  if (lang === 'en' && p.en) lines.push(withTitle ? `${titleOf(p, lang)}: ${p.en}` : p.en);
  else {
    if (lang === 'en') lines.push(tr(lang, M.noEnglish));
    lines.push(withTitle ? `${p.title}: ${p.lead}` : p.lead);
    for (const b of pickBullets(p.bullets, question, SHOW.maxBullets, k.idf)) lines.push(`- ${b}`);
    if (p.note) lines.push(tr(lang, M.note, { text: p.note }));
  }
  return renderMoney(lines.join('\n'), k.docs, k.day, lang);
}

/** "Title (citation)" for a passage listed under "see also", marked when no longer in force. */
function seeAlsoItem(p: Passage, k: Composer): string {
  const cite = k.docs.cite(p, k.lang);
  const title = titleOf(p, k.lang);
  // A title that already names the article and the document's number ("… (khoản 2 Điều 50 Nghị định 152/2025)") is not cited twice.
  const num = k.docs.get(p.doc)?.number?.split('/').slice(0, 2).join('/');
  const names = title.includes(cite) || (!!num && title.includes(num) && (!p.article || new RegExp(`(Điều|Art\\.|Article|Arts\\.)\\s*${p.article}(?![0-9])`).test(title)));
  const base = names ? title : `${title} (${cite})`;
  return passageStatus(p, k.docs, k.day).inForce ? base : `${base} — ${tr(k.lang, M.old)}`;
}

/** The extractive answer: an optional computed block, the best passage (and a close second), see also, warnings, sources. */
export function extractive(question: string, hits: Retrieved[], k: Composer, computed?: string, onTopic?: (r: Retrieved, sameArticle: boolean) => boolean, leads = 1): Answer {
  const { main, seeAlso } = selectPassages(hits, k, onTopic, leads);
  // A second passage is shown in full too: cutting a list of criteria (e.g. "≥ 1 CSTĐCS" of TTLĐXS) would change what it says.
  const texts = main.map((r, i) => passageText(r.passage, question, k, i > 0));
  const parts = [...(computed ? [computed] : []), ...texts.map((t) => t.text)];
  const used = [...main, ...seeAlso].map((r) => r.passage);
  if (seeAlso.length) parts.push(tr(k.lang, M.seeAlso, { items: seeAlso.map((r) => seeAlsoItem(r.passage, k)).join('; ') }));
  const warnings = warningsFor(main.map((r) => r.passage), k);
  if (warnings.length) parts.push(warnings.join('\n'));
  // "Căn cứ" names what the answer rests on; "see also" items carry their own citation in the line above.
  parts.push(sourcesBlock(main.map((r) => r.passage), k, texts.find((t) => t.salary)?.salary));
  return {
    answered: true,
    answer: parts.join('\n\n'),
    citations: used.map((p) => toCitation(p, k.lang)),
    confidence: confidenceOf(main[0], k),
    superseded: main.some((r) => !passageStatus(r.passage, k.docs, k.day).inForce),
    source: 'extractive',
  };
}

export function refusal(lang: Lang, text: Msg = M.notCovered, params: Record<string, string> = {}, confidence = 0): Answer {
  return { answered: false, answer: tr(lang, text, params), citations: [], confidence, superseded: false, source: 'none' };
}

/** Not sure which rule the question is about: the closest topics, to choose from. */
export function suggestionsAnswer(topics: Topic[], lang: Lang, confidence: number): Answer {
  const list = topics.map((t, i) => `${i + 1}. ${t.title}`).join('\n');
  return { ...refusal(lang, M.unsure, { list }, confidence), suggestions: topics };
}
