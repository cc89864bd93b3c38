/**
 * Domain anchors: does a question name anything of emulation and commendation at all? A question that
 * shares every word with some passage ("Mức lương cơ sở hiện nay", "thời gian tập sự của công chức mới tuyển
 * dụng") but names no title, form, emulation word or known document is about a neighbouring domain, and the
 * honest answer is a refusal. The anchors are derived, not listed per question: the concept phrases and core
 * vocabulary of the lexicon, the quoted names in passage titles, and the numbers of the known documents.
 */
import type { Docs } from './docs.js';
import type { Passage } from './corpus.js';
import { DOC_YEAR, analyzeVi } from './analyze.js';
import { CONCEPT_PHRASES, DOMAIN_WORDS, PhraseTable } from './lexicon.js';

/** Quoted names in a title: «Tiêu chuẩn danh hiệu "Chiến sĩ thi đua cơ sở"» → «Chiến sĩ thi đua cơ sở». */
const QUOTED = /["“«]([^"”»]{3,80})["”»]/g;
/** Quotas and deadlines as written ("15%", "90 %", "31/10"): those a passage title names are rules of the base. */
const FIGURES = /(?<![\d/.,])(\d{1,3}(?:[.,]\d+)?\s?%|\d{1,2}\/\d{1,2})(?![\d/])/g;
const figuresOf = (text: string): string[] => [...text.matchAll(FIGURES)].map((m) => m[1].replace(/\s/g, '').replace(',', '.'));
const YEAR = /^(19|20)\d\d$/;

export class DomainAnchors {
  private table = new PhraseTable({});
  private figures = new Set<string>();

  constructor(passages: readonly Passage[], docs: Docs) {
    const phrases = new Set<string>();
    // Phrases go through the same analysis as questions, so abbreviations and synonyms are expanded alike.
    const add = (text: string) => {
      const tokens = analyzeVi(text).tokens;
      if (tokens.length) phrases.add(tokens.join(' '));
    };
    for (const p of [...CONCEPT_PHRASES, ...DOMAIN_WORDS]) add(p);
    for (const p of passages) {
      // Only names ("Chiến sĩ thi đua cơ sở", "Vì sự nghiệp Tư pháp"), not words a title puts in quotes ("liên tục").
      for (const m of p.title.matchAll(QUOTED)) if (/^\p{Lu}/u.test(m[1])) add(m[1]);
      for (const f of figuresOf(p.title)) this.figures.add(f);
    }
    for (const d of docs.all()) {
      for (const seq of docCodes(d.name.vi)) phrases.add(seq.join(' '));
      // "Luật 2022", "nghị định 2023": the kind of a known document and its year.
      const year = /-((?:19|20)\d\d)(?:-|$)/.exec(d.code)?.[1];
      const kind = analyzeVi(d.name.vi).tokens[0];
      if (year && kind && !/^\d/.test(kind)) phrases.add(`${kind} ${year}`);
    }
    for (const p of phrases) this.table.add(p, 'anchor');
  }

  /** Does the question (as written, and as token sequences: its analysed words) contain an anchor? */
  has(question: string, ...sequences: readonly (readonly string[])[]): boolean {
    if (figuresOf(question).some((f) => this.figures.has(f))) return true;
    for (const seq of sequences) for (let i = 0; i < seq.length; i++) if (this.table.matchAt(seq, i)) return true;
    return false;
  }
}

/**
 * The ways a question can name a document: its number with its year ("98 y2023", i.e. "98/2023"), or its
 * kind and number ("nghi dinh 98", "cong van 5007"). Years alone never count.
 */
function docCodes(name: string): string[][] {
  const t = analyzeVi(name).tokens;
  const out: string[][] = [];
  for (let i = 0; i < t.length; i++) {
    if (!/^\d+$/.test(t[i]) || YEAR.test(t[i])) continue;
    if (t[i + 1]?.startsWith(DOC_YEAR) && /^\d{4}$/.test(t[i + 1].slice(DOC_YEAR.length))) out.push([t[i], t[i + 1]]);
    // The kind of document: the (up to two) words before the number, "số" (number) skipped.
    let j = i;
    if (t[j - 1] === 'so') j--;
    if (j >= 2) out.push([t[j - 2], t[j - 1], t[i]]);
  }
  return out;
}
