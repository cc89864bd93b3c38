import { truncate } from '../text/truncate.js';
import { detectLang, enWords, type Lang } from './analyze.js';
import { confidenceOf, extractive, refusal, rerankByConcept, suggestionsAnswer, topicOf, type Answer, type Composer, type Retrieved, type Topic } from './answer.js';
import type { Base } from './base.js';
import type { Hit } from './search.js';
import { passageStatus, type Passage } from './corpus.js';
import type { CuratedAnswers } from './curated-answers.js';
import { figuresFor } from './figures.js';
import { conceptsOf, relatedConcepts } from './lexicon.js';
import { M } from './messages.js';
import { fold } from '../text/vntext.js';

/** How many passages retrieval hands to answer composition / the LLM. */
const TOP_K = 5;
/**
 * Rules no longer in force rank lower, so the rule in force wins unless the question asks about the past
 * (names a replaced document, or says "cũ", "trước đây", "còn áp dụng", "hết hiệu lực"…).
 */
const OLD_WEIGHT = 0.6;
const MAX_QUESTION = 1000;
/**
 * A passage of the kind the question asks for (money, who decides, the dossier, the share of votes) ranks this much higher; a
 * passage on who decides ranks this much lower when the question does not ask who (those passages name
 * every title and form, and otherwise crowd out the rule asked about).
 */
const INTENT_WEIGHT = 1.3;
/**
 * Kinds of rule few passages hold (`reach`: annulling and withdrawing awards): when a question names one, its passages
 * are looked for in the whole ranking, not only among the first candidates, which the award the question names fills
 * ("Huân chương Lao động có bị thu hồi không?" matches some forty passages on orders better than the annulment rule).
 */
const INTENTS: { re: RegExp; tags: string[]; reach?: boolean }[] = [
  { re: /\b(tien thuong|muc thuong|bao nhieu tien|thuong bao nhieu|co tien thuong|duoc thuong|thuong tien|how much|money|bonus|cash)\b/, tags: ['tien-thuong'] },
  {
    re: /\b(tham quyen|ai quyet dinh|ai ky|ai tang|ai cong nhan|do ai|thuoc ve ai|cap nao|co quyen|ai co quyen|who\b(?! (?:can |may |is |are |will )?(?:receive|get|be|qualif|eligib))|authority to|competent authority|(has|have|with) the authority|decide|sign)\b/,
    tags: ['tham-quyen'],
  },
  { re: /\b(ho so|thu tuc|giay to|quy trinh|trinh tu|dossier|documents|procedure|paperwork)\b/, tags: ['ho-so', 'thu-tuc'] },
  { re: /\b(bao nhieu phieu|may phieu|ty le phieu|so phieu|phieu bau|bo phieu|votes?|voting|ballots?)\b/, tags: ['ty-le-phieu', 'bieu-quyet'] },
  { re: /\b(huy bo|bi huy|thu hoi|tuoc|revoke|revoked|revocation|annul|annulled|cancel|cancelled|strip|stripped|taken back|take back|withdrawn)\b/, tags: ['huy-bo', 'thu-hoi', 'tuoc-danh-hieu'], reach: true },
];
/** Folded words between spaces, for the \b patterns above and below. */
const folded = (text: string) => ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
function intentsOf(text: string): Set<string> {
  const f = folded(text);
  return new Set(INTENTS.filter((i) => i.re.test(f)).flatMap((i) => i.tags));
}

/**
 * The kind of recipient a question leaves out (a passage tag): naming individuals only ("cho cá nhân") it leaves
 * out 'tap-the', naming collectives only 'ca-nhan'. A passage for that kind only ranks lower and is not shown
 * in full beside the answer.
 */
function otherRecipient(text: string): 'ca-nhan' | 'tap-the' | undefined {
  const f = folded(text);
  const person = /\b(ca nhan|individual|person)\b/.test(f);
  const group = /\b(tap the|collective|collectives)\b/.test(f);
  return person === group ? undefined : person ? 'tap-the' : 'ca-nhan';
}
/** Is a passage (its tags) for this kind of recipient only? */
const isFor = (tags: readonly string[], kind: 'ca-nhan' | 'tap-the' | undefined) =>
  !!kind && tags.includes(kind) && !tags.includes(kind === 'ca-nhan' ? 'tap-the' : 'ca-nhan');

/**
 * Titles and forms with rules for persons and for collectives apart: only for these does a question naming one
 * kind ("Bằng khen của Bộ trưởng cho cá nhân") rank the other kind's rules lower; "Cờ thi đua của Chính phủ có xét
 * cho cá nhân không?" keeps the rule of that collective title first.
 */
function conceptsForBoth(passages: readonly Passage[], titleConcepts: readonly Set<string>[]): Set<string> {
  const kinds = new Map<string, Set<string>>();
  passages.forEach((p, i) => {
    for (const kind of ['ca-nhan', 'tap-the'] as const) if (isFor(p.tags, kind)) for (const c of titleConcepts[i]) kinds.set(c, (kinds.get(c) ?? new Set()).add(kind));
  });
  return new Set([...kinds].filter(([, ks]) => ks.size === 2).map(([c]) => c));
}

/** A message asking several things is answered with at most this many passages in full, one per question… */
const MAX_LEADS = 3;
/** …each shown only when it explains its question this well (a question searched alone is matched less surely than a whole message). */
const LEAD_QUALITY = 0.65;

/**
 * When to answer. Match quality (search.ts: the share of the question's words, weighted by rarity, that the
 * best passage explains) is measured on the asking sentence. Below `suggest` the engine does not answer and
 * offers the closest topics; between `suggest` and `sure` it answers and also offers other close topics.
 * Set on the tuning half of test/knowledge/officer-questions.jsonl (real questions from public Q&A pages);
 * figures are reported on the other half (`npm run eval`). `suggest` was 0.2; after the base grew to 220 passages
 * the tune half answered the most right with nothing out of scope let in for 0.15–0.17 (0.14 lets one in).
 */
export const THRESHOLDS = { suggest: 0.16, sure: 0.45 };

/**
 * The answering pipeline: curated answer → scope (emulation and commendation, or another domain) →
 * retrieval → answer, or the closest topics when retrieval is unsure → optional LLM phrasing (which, when retrieval
 * is unsure, may still answer from the closest passages).
 */
export function answerer(base: Base, curated: CuratedAnswers, phrased: (question: string, k: Composer, retrieved: Retrieved[], fallback: Answer) => Promise<Answer>) {
  const { docs, passages, index, titles, titleConcepts, anchors, foreign, byId, composer, today, asksAboutThePast } = base;

  const forBoth = conceptsForBoth(passages, titleConcepts);

  async function ask(question: string, o: { locale?: 'vi' | 'en' } = {}): Promise<Answer> {
    let lang: Lang = o.locale ?? 'vi';
    try {
      const q = truncate(String(question ?? '').normalize('NFC').trim(), MAX_QUESTION, '');
      lang = detectLang(q) ?? lang;
      if (!q) return refusal(lang, M.empty);
      const standard = curated.answer(q, lang);
      if (standard) return standard;
      const reaching = new Set(INTENTS.filter((i) => i.reach && i.re.test(folded(q))).flatMap((i) => i.tags));
      const found = index.search(q, lang, reaching.size ? passages.length : TOP_K + 3);
      // Past the usual candidates, only the passages of that rare kind stay.
      const candidates = (hs: Hit[]) => hs.filter((h, i) => i < TOP_K + 3 || passages[h.index].tags.some((t) => reaching.has(t)));
      if (reaching.size) {
        found.hits = candidates(found.hits);
        for (const g of found.each ?? []) g.hits = candidates(g.hits);
      }
      // A question naming nothing of emulation and commendation is about another domain (lương, công chứng…).
      // English questions are also read word by word, for document numbers left untranslated ("Decree 98/2023").
      if (!anchors.has(q, found.all.words, lang === 'en' ? enWords(q) : [])) return refusal(lang);
      // One that names the domain but asks about a neighbouring one (the tax on a bonus, a pension) is refused with that
      // domain named. Its asking sentences are read whole: a list cut at its commas still says what it asks about.
      const { focus } = found;
      const other = foreign.topicOf(found.sentences);
      if (other) return refusal(lang, M.otherDomain, { topic: other[lang] });
      const day = today();
      const past = asksAboutThePast(q, day);
      const concepts = conceptsOf(found.plan.words);
      const rank = (hs: Hit[], asking: string) => {
        const wants = intentsOf(asking);
        const notFor = [...concepts].some((c) => forBoth.has(c)) ? otherRecipient(asking) : undefined;
        if (!past) for (const h of hs) if (!passageStatus(passages[h.index], docs, day).inForce) h.score *= OLD_WEIGHT;
        for (const h of hs) {
          const tags = passages[h.index].tags;
          if (tags.some((t) => wants.has(t))) h.score *= INTENT_WEIGHT;
          else if (tags.includes('tham-quyen')) h.score /= INTENT_WEIGHT;
          if (isFor(tags, notFor)) h.score /= INTENT_WEIGHT;
        }
        return rerankByConcept(hs.sort((a, b) => b.score - a.score), concepts, (i) => titleConcepts[i]);
      };
      let hits = rank(found.hits, focus);
      // The asking sentence names a kind of rule few passages hold: those rules lead, above the award it names.
      const wanted = intentsOf(focus);
      const rare = hits.filter((h) => passages[h.index].tags.some((t) => reaching.has(t) && wanted.has(t))).slice(0, 2);
      hits = [...rare, ...hits.filter((h) => !rare.includes(h))].slice(0, TOP_K);
      // A message asking several things leads with the passage that best answers each of them, in the order asked,
      // when sure of each; else with the best passage for the whole message, then those it is sure of.
      const bests = (found.each ?? []).map((g) => rank(g.hits, g.question)[0]);
      const sure = (h: Hit | undefined): h is Hit => !!h && h.quality >= LEAD_QUALITY;
      const leads = bests.length && bests.every(sure) ? [] : hits.slice(0, 1);
      for (const h of bests) if (sure(h) && leads.length < MAX_LEADS && !leads.some((l) => l.index === h.index)) leads.push(h);
      if (leads.length > 1) hits = [...leads, ...hits.filter((h) => !leads.some((l) => l.index === h.index))].slice(0, TOP_K);
      if (!hits.length) return refusal(lang);
      const retrieved = hits.map((hit) => ({ passage: passages[hit.index], hit }));
      const k = composer(lang);
      const figures = titles.length ? figuresFor(q, titles, docs, lang) : undefined;
      const best = hits[0];
      if (!figures && best.quality < THRESHOLDS.suggest) {
        // Unsure by words: a model, when one is configured, may still find the answer among the closest passages
        // (it must cite them); otherwise, or when it finds none, the closest topics are offered.
        return await phrased(q, k, retrieved, suggestionsAnswer(distinctTopics(retrieved, lang, 3), lang, confidenceOf(retrieved[0], k)));
      }
      // A passage is on topic when it is another clause of the best one's article, or the question names no title, or
      // the passage's title names one of those it names — and never when it is for the other kind of recipient, nor,
      // for a question asking for money, who decides or the dossier, when it is not of that kind.
      const asked = [...concepts].filter((x) => !x.startsWith('#'));
      const notFor = otherRecipient(focus);
      const wants = intentsOf(focus);
      const onTopic = (r: Retrieved, sameArticle: boolean) =>
        !isFor(r.passage.tags, notFor) &&
        (wants.size === 0 || r.passage.tags.some((t) => wants.has(t))) &&
        (sameArticle || asked.length === 0 || [...titleConcepts[r.hit.index]].some((x) => asked.some((y) => relatedConcepts(x, y))));
      const answer = extractive(q, retrieved, k, figures?.text, onTopic, leads.length > 1 ? leads.length : 1);
      if (best.quality < THRESHOLDS.sure) {
        const cited = new Set(answer.citations.map((x) => x.id));
        const related = distinctTopics(retrieved, lang, 5).filter((t) => !cited.has(t.id)).slice(0, 2);
        if (related.length) answer.related = related;
      }
      return figures ? answer : await phrased(q, k, retrieved, answer);
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

  return { ask, explain };
}
