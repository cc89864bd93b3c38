/** Text → search terms: folded words, abbreviations expanded, stop words dropped, syllable bigrams added. */
import { ABBREVIATIONS, EN_VI, KEEP_PHRASES, OTHER_SECTORS_VI, PhraseTable, STOP_ASCII, STOP_EN, STOP_PHRASES_VI, STOP_TONED, STOP_VI, SYNONYMS, normWords } from './lexicon.js';

/** The passages' English is British: "labor" in a question is their "labour". */
const BRITISH: Record<string, string> = { labor: 'labour', organization: 'organisation', honor: 'honour', defense: 'defence', center: 'centre', program: 'programme' };

export type Lang = 'vi' | 'en';

const abbreviations = new PhraseTable({ ...SYNONYMS, ...ABBREVIATIONS });
/** One-word abbreviations ("cstdcs", "ldtt"): not evidence of English when a question is only those. */
const ABBR_WORDS = new Set(Object.keys(ABBREVIATIONS).map((k) => normWords(k)).filter((w) => w.length === 1).map((w) => w[0]));
const english = new PhraseTable(Object.fromEntries(Object.entries(EN_VI).map(([k, v]) => [enWords(k).join(' '), v])));
const questionWords = new PhraseTable({});
for (const p of STOP_PHRASES_VI) questionWords.remove(p);
for (const p of OTHER_SECTORS_VI) for (const v of [p, p.replace(' và ', ' ')]) questionWords.remove(v);

/**
 * The year of a document number ("14/2025", "98/2023/NĐ-CP", "06/2022/QH15") becomes its own token ("y2025"),
 * so that it matches only a text naming that document number, never a bare year ("năm 2025", "in 2025").
 * Dates ("15/9/2025") and month/year ("tháng 6/2025") are left alone.
 */
const DOC_NUMBER = /(?<![\p{L}\p{N}/.])(\d{1,5})\s?\/\s?((?:19|20)\d{2})(?!\d)/gu;
const MONTH_BEFORE = /(tháng|thang|month)\s*$/i;
export function markDocNumbers(text: string): string {
  if (!text.includes('/')) return text;
  return text.replace(DOC_NUMBER, (m, num: string, year: string, at: number, all: string) =>
    MONTH_BEFORE.test(all.slice(Math.max(0, at - 8), at)) ? m : `${num} ${DOC_YEAR}${year}`);
}
/**
 * "X cần gì?", "cần những gì", "phải đáp ứng gì", "yêu cầu gì" ask for the criteria of X: said as
 * "tiêu chuẩn", so the passage on X's criteria outranks other passages that merely name X.
 */
const CRITERIA_QUESTION = /(?:cần|can|phải|phai|yêu cầu|yeu cau)\s+(?:có\s+|co\s+|đáp ứng\s+|dap ung\s+|đạt\s+|dat\s+)?(?:những\s+|nhung\s+)?(?:gì|gi)(?![\p{L}\p{N}])/gu;
export const askingForCriteria = (text: string) => text.replace(CRITERIA_QUESTION, ' tiêu chuẩn ');

/** Prefix of the token standing for the year of a document number. */
export const DOC_YEAR = 'y';

/** Vietnamese text → normalised words with abbreviations expanded and question phrases removed. */
export function viTokens(text: string): string[] {
  return analyzeVi(text).tokens;
}

interface WordInfo {
  /** Folded, spelling-normalised pieces (usually one). */
  folded: string[];
  /** Toned form ("~tiên2"), or null for a word written without diacritics or not worth one. */
  toned: string | null;
  /** A function word recognisable by its diacritics ("cần", "có"): dropped. */
  stop: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Longest phrase of the lexicon, in words. */
const MAX_PHRASE = 6;
const ASCII = /^[a-z0-9]*$/;
/** Words seen so far (a language has few distinct syllables); cleared if it ever grows large. */
const wordCache = new Map<string, WordInfo>();

function wordInfo(w: string): WordInfo {
  let e = wordCache.get(w);
  if (!e) {
    if (wordCache.size > 100_000) wordCache.clear();
    e = { folded: normWords(w), toned: ASCII.test(w) ? null : tonedTerm(w), stop: STOP_TONED.has(w) || STOP_ASCII.has(w) };
    wordCache.set(w, e);
  }
  return e;
}

/**
 * One pass over a Vietnamese text: its folded words (toned function words and "thế nào" dropped,
 * abbreviations and synonyms expanded, question phrases removed) and its toned words.
 */
export function analyzeVi(text: string): { tokens: string[]; toned: string[] } {
  const ws = askingForCriteria(markDocNumbers(text.normalize('NFC')).toLowerCase()).match(WORD) ?? [];
  const folded: string[] = [];
  const toned: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (ws[i] === 'thế' && ws[i + 1] === 'nào') {
      i++;
      continue;
    }
    const e = wordInfo(ws[i]);
    // A function word is dropped, unless it is in a phrase of the lexicon that opens there or just before ("về hưu",
    // "thu hoi" typed without diacritics).
    if (e.stop && !inPhrase(ws, i)) continue;
    for (const f of e.folded) folded.push(f);
    if (e.toned) toned.push(e.toned);
  }
  return { tokens: dropTheNao(questionWords.apply(abbreviations.apply(folded))), toned };
}

const keepPhrases = new PhraseTable({});
for (const p of KEEP_PHRASES) keepPhrases.add(p, 'keep');

/**
 * Does a phrase of the lexicon open at word i of ws ("về hưu"), or, for a word typed without diacritics, a phrase of
 * KEEP_PHRASES hold it ("thu hoi")? ("hỏi" typed with its diacritics is never "hồi".)
 */
function inPhrase(ws: readonly string[], i: number): boolean {
  const at = (table: PhraseTable, j: number) => table.matchAt(ws.slice(j, j + MAX_PHRASE).flatMap((w) => wordInfo(w).folded), 0);
  if (at(abbreviations, i)) return true;
  return ASCII.test(ws[i]) && (!!at(keepPhrases, i) || (i > 0 && (at(keepPhrases, i - 1)?.keys.length ?? 0) >= 2));
}

/** "thế nào" (how) says nothing, but folded it reads "the nao", as in "tập thể nào" (which collective): keep that one. Same for "cần". */
function dropTheNao(tokens: string[]): string[] {
  for (let i = tokens.length - 2; i >= 0; i--) {
    if (tokens[i] === 'the' && tokens[i + 1] === 'nao' && tokens[i - 1] !== 'tap') tokens.splice(i, 2);
  }
  // "can" typed without diacritics is "cần" (need), a function word, except in "cán bộ".
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i] === 'can' && tokens[i + 1] !== 'bo') tokens.splice(i, 1);
  return tokens;
}

const bigram = (a: string, b: string) => `${a}_${b}`;

/**
 * Unigrams and bigrams ("a_b") of the words left once stop words are dropped, so that
 * "cờ thi đua của Chính phủ" and "cờ thi đua Chính phủ" share the pair "dua_chinh".
 */
export function termsOf(tokens: readonly string[], stop: Set<string>): string[] {
  const kept = tokens.filter((t) => !stop.has(t));
  const out: string[] = [];
  for (let i = 0; i < kept.length; i++) {
    out.push(kept[i]);
    if (i + 1 < kept.length) out.push(bigram(kept[i], kept[i + 1]));
  }
  return out;
}

/** Terms of Vietnamese text (passages and questions): folded terms, plus toned words when it has diacritics. */
export function viTerms(text: string): string[] {
  const { tokens, toned } = analyzeVi(text);
  const out = termsOf(tokens, STOP_VI);
  for (const t of toned) out.push(t);
  return out;
}

const TONE_MARKS: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };

/**
 * Words written with diacritics, as "~" + base letters (ă â ê ô ơ ư đ kept) + tone digit, so that
 * "tiền" (money) and "tiên" (advanced) differ while "hoà"/"hòa" or "sỹ"/"sĩ" stay one word. Only used to
 * rank: a question typed with diacritics prefers passages using the same words; folded terms do the rest.
 */
function tonedTerm(word: string): string | null {
  let tone = '0';
  let base = '';
  for (const ch of word.normalize('NFD')) {
    const t = TONE_MARKS[ch];
    if (t) tone = t;
    else base += ch;
  }
  base = base.normalize('NFC');
  const folded = normWords(base)[0];
  if (!folded || STOP_VI.has(folded) || ABBR_WORDS.has(folded)) return null;
  if (/^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|nh|p|ph|r|s|t|th|tr|v|x|đ)y$/.test(base)) base = `${base.slice(0, -1)}i`;
  return `~${base}${tone}`;
}

/** English words, folded, plural "s" dropped ("fighters" → "fighter"). */
export function enWords(text: string): string[] {
  return normWords(markDocNumbers(text)).map((w) => {
    const one = w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
    return BRITISH[one] ?? one;
  });
}

/** English stop words as enWords() leaves them ("does" → "doe", "this" → "thi"), so that they still match. */
const STOP_EN_WORDS = new Set([...STOP_EN, ...enWords([...STOP_EN].join(' '))]);

/** Terms of English text (the "EN:" line of passages). */
export function enTerms(text: string): string[] {
  return termsOf(enWords(text), STOP_EN_WORDS);
}

/**
 * A question ready for retrieval: its terms, and its "units" — the words a passage must explain for the
 * question to count as covered. A Vietnamese syllable is explained by a bigram with a neighbour (a syllable
 * alone is too ambiguous once folded: "ly" of "ly hôn" is also the "lý" of "quản lý"); an English word
 * is explained by itself. Each unit lists the terms that would explain it.
 */
export interface QueryPlan {
  terms: string[];
  units: string[][];
  /** The word each unit stands for (its weight is that word's idf). */
  heads: string[];
  /** The question as Vietnamese words (English phrases translated), to find the titles it names. */
  words: string[];
  /** links[i]: the bigram joining unit i to unit i + 1 when both are syllables of one Vietnamese piece, else ''. */
  links: string[];
}

function viPiece(tokens: readonly string[], terms: string[], units: string[][], heads: string[], links: string[]): void {
  const kept = tokens.filter((t) => !STOP_VI.has(t));
  if (kept.length === 1) {
    terms.push(kept[0]);
    units.push([kept[0]]);
    heads.push(kept[0]);
    links.push('');
    return;
  }
  for (let i = 0; i < kept.length; i++) {
    terms.push(kept[i]);
    if (i + 1 < kept.length) terms.push(bigram(kept[i], kept[i + 1]));
    const alts: string[] = [];
    if (i > 0) alts.push(bigram(kept[i - 1], kept[i]));
    if (i + 1 < kept.length) alts.push(bigram(kept[i], kept[i + 1]));
    units.push(alts);
    heads.push(kept[i]);
    links.push(i + 1 < kept.length ? bigram(kept[i], kept[i + 1]) : '');
  }
}

export function planQuery(question: string, lang: Lang): QueryPlan {
  const terms: string[] = [];
  const units: string[][] = [];
  const heads: string[] = [];
  const words: string[] = [];
  const links: string[] = [];
  if (lang === 'vi') {
    const a = analyzeVi(question);
    words.push(...a.tokens);
    viPiece(words, terms, units, heads, links);
    terms.push(...a.toned);
  } else {
    // English: known phrases and abbreviations become Vietnamese pieces; other words stay English.
    const tokens = enWords(question);
    const pending: string[] = [];
    const flush = () => {
      const kept = pending.splice(0).filter((w) => !STOP_EN_WORDS.has(w));
      for (let i = 0; i < kept.length; i++) {
        terms.push(kept[i]);
        units.push([kept[i]]);
        heads.push(kept[i]);
        links.push('');
        if (i + 1 < kept.length) terms.push(bigram(kept[i], kept[i + 1]));
      }
    };
    for (let i = 0; i < tokens.length; ) {
      const hit = abbreviations.matchAt(tokens, i) ?? english.matchAt(tokens, i);
      if (hit) {
        flush();
        words.push(...hit.exp);
        viPiece(hit.exp, terms, units, heads, links);
        i += hit.keys.length;
      } else pending.push(tokens[i++]);
    }
    flush();
  }
  return { terms: [...new Set(terms)], units, heads, words, links };
}

/** Can this lowercase ASCII word be a Vietnamese syllable written without diacritics? */
const VI_SYLLABLE = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?(uye|uya|ieu|yeu|uoi|uou|oai|oay|uay|oao|oeo|ie|ye|uo|ua|ia|ai|ao|au|ay|eo|eu|iu|oi|oa|oe|ui|uy|ue|[aeiouy])(ch|ng|nh|[cmnpt])?$/;

export function isVietnameseSyllable(word: string): boolean {
  return VI_SYLLABLE.test(word);
}

const VI_MARKS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
const EN_WORDS = new Set(['what', 'which', 'who', 'how', 'why', 'when', 'where', 'does', 'is', 'are', 'the', 'can', 'for', 'of', 'and', 'to', 'with', 'get', 'award', 'awarded']);

/**
 * The language of a question: Vietnamese when it has Vietnamese letters (unless English words far outnumber the
 * words that have them); English when many of its
 * words cannot be Vietnamese syllables or it uses English function words; undefined when it has no words
 * to tell (e.g. only abbreviations).
 */
export function detectLang(text: string): Lang | undefined {
  const nfc = text.normalize('NFC');
  if (VI_MARKS.test(nfc)) {
    // English naming a title in Vietnamese ("the 'Advanced Worker' (Lao động tiên tiến) title") stays English.
    const ws = nfc.toLowerCase().match(/\p{L}+/gu) ?? [];
    const en = ws.filter((w) => EN_WORDS.has(w)).length;
    return en >= 3 && en > 2 * ws.filter((w) => VI_MARKS.test(w)).length ? 'en' : 'vi';
  }
  const ws = (nfc.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !ABBR_WORDS.has(w));
  const longWords = ws.filter((w) => w.length >= 2);
  if (longWords.length === 0) return undefined;
  const foreign = longWords.filter((w) => !isVietnameseSyllable(w)).length;
  const enHits = ws.filter((w) => EN_WORDS.has(w)).length;
  if (foreign / longWords.length >= 0.4 || (enHits >= 2 && foreign >= 1)) return 'en';
  return 'vi';
}

/**
 * Syllable pairs ("nha_giao") that open a proper name in the question: a capitalised word inside a sentence
 * ("danh hiệu Nhà giáo nhân dân", "trong Công an nhân dân") and the word after it. Sentence-initial words and
 * all-capital abbreviations ("LĐTT") do not count.
 */
export function namePairs(text: string): Set<string> {
  const out = new Set<string>();
  const re = /[\p{L}\p{N}]+|[.!?:;\n]/gu;
  const toks = text.normalize('NFC').match(re) ?? [];
  for (let i = 1; i + 1 < toks.length; i++) {
    const w = toks[i];
    const prev = toks[i - 1];
    if (/^[.!?:;\n]$/.test(prev) || !/^\p{Lu}\p{Ll}/u.test(w)) continue;
    const a = normWords(w)[0];
    const b = normWords(toks[i + 1])[0];
    if (a && b && /^\p{L}/u.test(toks[i + 1])) out.add(bigram(a, b));
  }
  return out;
}
