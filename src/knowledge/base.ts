import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadTitles, type Title } from '../domain/titles.js';
import { formatIssue } from '../domain/yamlpos.js';
import { fold, tonedWords } from '../text/vntext.js';
import { viTokens, type Lang } from './analyze.js';
import { DomainAnchors } from './anchor.js';
import type { Composer } from './answer.js';
import { loadCorpus, type Passage } from './corpus.js';
import { dayIn, loadDocs, type Docs } from './docs.js';
import { conceptsOf } from './lexicon.js';
import { ForeignTopics, withoutDomainPhrases } from './scope.js';
import { SearchIndex, passageFields } from './search.js';

const PAST = /\b(cu|truoc day|truoc kia|con ap dung|con hieu luc|het hieu luc|thay the|bai bo|old|previous|still valid|still apply|no longer)\b/;

/**
 * What answering reads, built once from the data folder: the document registry, the passages and
 * their search index, the words that anchor a question in the domain (or in a neighbouring one),
 * the titles, and the day (in the configured time zone) that decides what is in force.
 */
export interface Base {
  docs: Docs;
  passages: Passage[];
  index: SearchIndex;
  titles: Title[];
  /** The concepts each passage's title names, by passage index. */
  titleConcepts: Set<string>[];
  anchors: DomainAnchors;
  foreign: ForeignTopics;
  byId: Map<string, number>;
  idf(term: string): number;
  today(): string;
  composer(lang: Lang): Composer;
  /** The question asks about rules no longer in force (names a replaced document, or says "cũ", "trước đây"…). */
  asksAboutThePast(question: string, day: string): boolean;
  /** Problems met while loading (`file:line: message`); the passages concerned were left out. */
  issues: string[];
}

export function loadBase(opts: { dataDir: string; timeZone?: string; now?: () => Date }): Base {
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
  const idf = (t: string) => index.idf(t);
  const passageWords = passages.map((p) => withoutDomainPhrases(` ${tonedWords([p.title, ...p.keywords, p.lead, ...p.bullets, p.note ?? ''].join(' ')).join(' ')} `));
  const titlesFile = path.join(opts.dataDir, 'titles.yaml');
  return {
    docs,
    passages,
    index,
    titles: existsSync(titlesFile) ? loadTitles(titlesFile) : [],
    titleConcepts: passages.map((p) => conceptsOf(viTokens(p.title))),
    anchors: new DomainAnchors(passages, docs),
    foreign: new ForeignTopics((w) => passageWords.some((t) => t.includes(` ${w.join(' ')} `))),
    byId: new Map(passages.map((p, i) => [p.id, i])),
    idf,
    today,
    composer: (lang) => ({ docs, day: today(), lang, idf }),
    asksAboutThePast: (q, day) => PAST.test(` ${fold(q).replace(/[^a-z0-9/]+/g, ' ')} `) || oldNumbers(day).some((n) => q.includes(n)),
    issues: [...docIssues, ...corpus.issues].map(formatIssue),
  };
}
