/**
 * BM25 retrieval over passages, built once at load: weighted fields (title and keywords count more),
 * folded words and syllable bigrams as terms, per-posting weights precomputed so a query only adds numbers.
 */
import type { Docs } from './docs.js';
import type { Passage } from './corpus.js';
import { enTerms, planQuery, viTerms, type Lang, type QueryPlan } from './analyze.js';
import { splitFocus } from './focus.js';

export interface Field {
  text: string;
  weight: number;
  /** Ranks only: its words do not count as explained by the document (see Hit.explained). */
  rankOnly?: boolean;
  lang: Lang;
}

export interface Hit {
  /** Position of the document in the array given to the index. */
  index: number;
  /** BM25 score (times the document's boost). */
  score: number;
  /** Share of the question's term weight (idf) that this document matches, 0–1. */
  coverage: number;
  /** Share of the question's words this document explains (see QueryPlan), 0–1. */
  explained: number;
  /** The same, each word weighted by its idf (a rare word left unexplained weighs more). */
  weightedExplained: number;
  /**
   * The same, each word weighted by its idf squared: words found in most passages ("thi đua", "Bộ Tư pháp")
   * count for almost nothing, so the share says whether the question's distinctive words are explained.
   */
  distinctive: number;
  /** Mean of coverage, explained, weightedExplained and distinctive: how well this document answers the question, 0–1. */
  quality: number;
  /**
   * Words of the question that no passage uses: pairs of adjacent syllables ("nha_giao") found nowhere in the
   * index, neither syllable explained by this document, and no number among them.
   */
  foreign: string[];
}

export interface SearchResult {
  hits: Hit[];
  /** The asking part of the question (see focus.ts), whose words the hits' quality measures. */
  plan: QueryPlan;
  /** The whole question's plan (focus and context). */
  all: QueryPlan;
  /** The asking clause(s) as written (focus.ts). */
  focus: string;
  /** The sentences they were taken from (focus.ts). */
  sentences: string;
  /** A message asking several things (focus.ts): each question, and its hits searched with the rest as context. */
  each?: { question: string; hits: Hit[] }[];
}

/** Weight of a context word (said before or after the asking sentence) relative to a word of the question itself. */
const CONTEXT_WEIGHT = 0.4;
/** A focus of fewer words than this is measured together with its context. */
const MIN_FOCUS_UNITS = 4;

function mergePlans(a: QueryPlan, b: QueryPlan): QueryPlan {
  return {
    terms: [...new Set([...a.terms, ...b.terms])],
    units: [...a.units, ...b.units],
    heads: [...a.heads, ...b.heads],
    words: [...a.words, ...b.words],
    links: [...a.links, ...b.links],
  };
}

export interface IndexOptions {
  k1?: number;
  b?: number;
  /** Weight of a bigram term in the query relative to a unigram. */
  bigramWeight?: number;
}

interface Posting {
  docs: Int32Array;
  /** idf × saturated tf, per document. */
  w: Float32Array;
  /** 1 where the document has the term outside rank-only fields (it then explains the word). */
  own: Uint8Array;
  /** The documents where own is 1. */
  explaining: Int32Array;
  idf: number;
}

/**
 * Field weights: a match in the title or the keywords (phrasings officers use) counts more than in the body; the
 * questions written for a passage (asked) count little, and only rank (weight set on the tune half).
 */
export const FIELD_WEIGHTS = { title: 3, keywords: 2, asked: 0.2, tags: 1, cite: 1.5, lead: 1.5, body: 1, en: 1 } as const;

/** The searchable fields of a passage. */
export function passageFields(p: Passage, docs: Docs): Field[] {
  const cite = [docs.cite(p, 'vi'), p.article ? `điều ${p.article}` : ''].join(' ');
  return [
    { text: p.title, weight: FIELD_WEIGHTS.title, lang: 'vi' },
    { text: p.titleEn ?? '', weight: FIELD_WEIGHTS.en, lang: 'en' },
    ...p.keywords.map((k) => ({ text: k, weight: FIELD_WEIGHTS.keywords, lang: 'vi' as const })),
    ...p.asked.map((q) => ({ text: q, weight: FIELD_WEIGHTS.asked, lang: 'vi' as const, rankOnly: true })),
    { text: p.tags.join(' ').replace(/-/g, ' '), weight: FIELD_WEIGHTS.tags, lang: 'vi' },
    { text: cite, weight: FIELD_WEIGHTS.cite, lang: 'vi' },
    { text: p.lead, weight: FIELD_WEIGHTS.lead, lang: 'vi' },
    { text: [...p.bullets, p.note ?? '', ...p.extra].join('\n'), weight: FIELD_WEIGHTS.body, lang: 'vi' },
    { text: p.en ?? '', weight: FIELD_WEIGHTS.en, lang: 'en' },
  ];
}

export class SearchIndex {
  readonly size: number;
  private postings = new Map<string, Posting>();
  private unknownIdf: number;
  private bigramWeight: number;
  private acc: Float64Array;
  private cov: Float64Array;
  private touched: Int32Array;

  /** `boost[i]` multiplies document i's score (e.g. < 1 for superseded rules). */
  constructor(docs: readonly Field[][], boost?: readonly number[], opts: IndexOptions = {}) {
    const k1 = opts.k1 ?? 1.2;
    const b = opts.b ?? 0.75;
    this.bigramWeight = opts.bigramWeight ?? 1;
    const n = docs.length;
    this.size = n;
    const tfs: Map<string, number>[] = [];
    /** Terms each document has outside rank-only fields (undefined: it has no rank-only field, every term is its own). */
    const own: (Set<string> | undefined)[] = [];
    const lens = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      const tf = new Map<string, number>();
      const mine = docs[d].some((f) => f.rankOnly && f.text) ? new Set<string>() : undefined;
      for (const f of docs[d]) {
        if (!f.text) continue;
        for (const t of f.lang === 'en' ? enTerms(f.text) : viTerms(f.text)) {
          tf.set(t, (tf.get(t) ?? 0) + f.weight);
          lens[d] += f.weight;
          if (mine && !f.rankOnly) mine.add(t);
        }
      }
      tfs.push(tf);
      own.push(mine);
    }
    const avgdl = n ? lens.reduce((a, x) => a + x, 0) / n || 1 : 1;
    const df = new Map<string, number[]>();
    for (let d = 0; d < n; d++) for (const t of tfs[d].keys()) {
      const l = df.get(t);
      if (l) l.push(d);
      else df.set(t, [d]);
    }
    const idfOf = (m: number) => Math.log(1 + (n - m + 0.5) / (m + 0.5));
    this.unknownIdf = idfOf(0);
    for (const [t, list] of df) {
      const idf = idfOf(list.length);
      const w = new Float32Array(list.length);
      const mine = new Uint8Array(list.length);
      let owned = 0;
      list.forEach((d, i) => {
        const f = tfs[d].get(t)!;
        w[i] = (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lens[d]) / avgdl)) * (boost?.[d] ?? 1);
        mine[i] = own[d]?.has(t) === false ? 0 : 1;
        owned += mine[i];
      });
      const all = Int32Array.from(list);
      this.postings.set(t, { docs: all, w, own: mine, explaining: owned === list.length ? all : all.filter((_, i) => mine[i] === 1), idf });
    }
    this.acc = new Float64Array(n);
    this.cov = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  /** Inverse document frequency of a term (the value of a term no passage has, for unknown ones). */
  idf(term: string): number {
    return this.postings.get(term)?.idf ?? this.unknownIdf;
  }

  /**
   * The k best documents for a question. The asking sentence counts fully, the context around it less
   * (see focus.ts). Synchronous and allocation-light: safe to call per message.
   */
  search(question: string, lang: Lang, k = 5): SearchResult {
    const { focus, context, questions, sentences } = splitFocus(question);
    const plan = planQuery(focus, lang);
    const weights = new Map<string, number>(plan.terms.map((t) => [t, 1]));
    let all = plan;
    if (context) {
      const ctx = planQuery(context, lang);
      for (const t of ctx.terms) if (!weights.has(t)) weights.set(t, CONTEXT_WEIGHT);
      all = mergePlans(ctx, plan);
    }
    const measured = plan.units.length >= MIN_FOCUS_UNITS ? plan : all;
    const hits = this.measure(this.searchTerms(weights, k), measured);
    if (questions.length < 2) return { hits, plan: measured, all, focus, sentences };
    // Several questions in one message: each is also searched on its own, the rest of the message as context.
    const each = questions.map((q) => {
      const these = new Map<string, number>([...weights].map(([t, w]) => [t, Math.min(w, CONTEXT_WEIGHT)]));
      const qp = planQuery(q, lang);
      for (const t of qp.terms) these.set(t, 1);
      return { question: q, hits: this.measure(this.searchTerms(these, k), qp.units.length >= MIN_FOCUS_UNITS ? qp : measured) };
    });
    return { hits, plan: measured, all, focus, sentences, each };
  }

  /** Does document d contain term t outside rank-only fields? (binary search in its posting list) */
  has(term: string, d: number): boolean {
    const docs = this.postings.get(term)?.explaining;
    if (!docs) return false;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid] === d) return true;
      if (docs[mid] < d) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Fills in how well each hit explains the plan's words (explained, distinctive, quality, foreign). */
  measure(hits: Hit[], plan: QueryPlan): Hit[] {
    const n = plan.units.length;
    const weights = plan.heads.map((t) => this.idf(t));
    const wsum = weights.reduce((a, x) => a + x, 0);
    const w2sum = weights.reduce((a, x) => a + x * x, 0);
    const explainedBy = (alts: string[], d: number) => alts.some((t) => this.has(t, d));
    for (const h of hits) {
      let ok = 0;
      let wok = 0;
      let w2ok = 0;
      plan.units.forEach((alts, i) => {
        if (alts.some((t) => this.has(t, h.index))) {
          ok++;
          wok += weights[i];
          w2ok += weights[i] * weights[i];
        }
      });
      h.explained = n ? ok / n : 0;
      h.weightedExplained = wsum ? wok / wsum : 0;
      h.distinctive = w2sum ? w2ok / w2sum : 0;
      h.quality = (h.coverage + h.explained + h.weightedExplained + h.distinctive) / 4;
      h.foreign = [];
      for (let i = 0; i + 1 < n; i++) {
        const link = plan.links[i];
        if (!link || /\d/.test(link) || this.postings.get(link)?.explaining.length) continue;
        if (!explainedBy(plan.units[i], h.index) && !explainedBy(plan.units[i + 1], h.index)) h.foreign.push(link);
      }
    }
    return hits;
  }

  /** BM25 only (explained/quality left at 0): the k best documents for these terms (term → query weight). */
  searchTerms(terms: ReadonlyMap<string, number>, k = 5): Hit[] {
    const { acc, cov, touched } = this;
    let nTouched = 0;
    let total = 0;
    for (const [t, tw] of terms) {
      const qw = (t.includes('_') ? this.bigramWeight : 1) * tw;
      // Toned words ("~…") only rank; coverage is measured on folded terms, the same with or without diacritics.
      const cw = t.startsWith('~') ? 0 : qw;
      const p = this.postings.get(t);
      total += (p?.idf ?? this.unknownIdf) * cw;
      if (!p) continue;
      const { docs, w, own } = p;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        if (acc[d] === 0) touched[nTouched++] = d;
        acc[d] += w[i] * qw;
        cov[d] += p.idf * cw * own[i];
      }
    }
    const top: Hit[] = [];
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      const score = acc[d];
      if (top.length < k || score > top[top.length - 1].score) {
        const hit = { index: d, score, coverage: total > 0 ? cov[d] / total : 0, explained: 0, weightedExplained: 0, distinctive: 0, quality: 0, foreign: [] };
        let j = top.length < k ? top.length : k - 1;
        top[j] = hit;
        while (j > 0 && top[j - 1].score < score) {
          top[j] = top[j - 1];
          top[j - 1] = hit;
          j--;
        }
      }
      acc[d] = 0;
      cov[d] = 0;
    }
    return top;
  }
}
