import path from 'node:path';
import { formatIssue } from '../domain/yamlpos.js';
import { tr } from '../text/i18n.js';
import { viTerms, type Lang } from './analyze.js';
import { sourceLine, type Answer, type AnswerCitation } from './answer.js';
import type { Base } from './base.js';
import type { Passage } from './corpus.js';
import { CuratedSet, appendCurated, curatedFiles, loadCurated, newEntry, unknownDocs, type CuratedEntry, type CuratedInput } from './curated.js';
import type { Citation } from './docs.js';
import { M } from './messages.js';

/**
 * The department's standard answers (data/curated/*.yaml): matched before retrieval, shown with
 * their citations, and added to (one write at a time) when an admin saves an answer.
 */
export interface CuratedAnswers {
  /** The standard answer to a question, when one matches. */
  answer(question: string, lang: Lang): Answer | undefined;
  add(input: CuratedInput): Promise<void>;
  issues: string[];
}

export function loadCuratedAnswers(base: Base, opts: { dataDir: string; curatedFile?: string }): CuratedAnswers {
  const { docs, passages, idf } = base;
  const curatedFile = opts.curatedFile ?? path.join(opts.dataDir, 'curated', 'added.yaml');
  const files = curatedFiles(path.join(opts.dataDir, 'curated'));
  if (!files.includes(curatedFile)) files.push(curatedFile);
  const cur = loadCurated(files);
  const curated = new CuratedSet(idf);
  const issues: string[] = cur.issues.map(formatIssue);
  for (const e of cur.entries) {
    const unknown = unknownDocs(e, docs);
    if (unknown.length) issues.push(`curated answer "${e.id}": unknown document code ${unknown.join(', ')} (left out)`);
    else curated.add(e);
  }
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
      const cit: AnswerCitation = { doc: c.doc, title: p?.title ?? docs.cite(c, 'vi'), id: p?.id ?? e.id };
      if (c.article) cit.article = c.article;
      if (c.clause) cit.clause = c.clause;
      return cit;
    });
    curatedCitations.set(e.id, out);
    return out;
  }

  function curatedAnswer(e: CuratedEntry, similarity: number, lang: Lang): Answer {
    const k = base.composer(lang);
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

  return {
    answer(question, lang) {
      const c = curated.match(question);
      return c ? curatedAnswer(c.entry, c.similarity, lang) : undefined;
    },
    async add(input) {
      const entry = newEntry(input, docs);
      const run = writes.then(() => appendCurated(curatedFile, entry));
      writes = run.catch(() => undefined);
      await run;
      curated.add(entry);
    },
    issues,
  };
}
