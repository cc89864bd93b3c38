/** `thidua kb check`: validates the knowledge files and data/*.yaml, reporting `file:line: message`. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ZodType } from 'zod';
import { dayIn, loadDocs, type Docs } from '../knowledge/docs.js';
import { checkPassage, listMarkdown, parseKnowledgeFile, type Passage } from '../knowledge/corpus.js';
import { staleOn } from '../knowledge/stale.js';
import { curatedFiles, parseCuratedFile } from '../knowledge/curated.js';
import { titlesFileSchema } from '../domain/titles.js';
import { unitsFileSchema } from '../domain/units.js';
import { calendarFileSchema } from '../domain/calendar.js';
import { displayPath, parseYaml, validate, type Issue } from '../domain/yamlpos.js';
import { checkReviewFiles } from './review.js';
import { checkAsked, type AskedReport } from './asked.js';

export interface CheckReport {
  issues: Issue[];
  /**
   * Passages citing a document that is no longer in force whose text does not name its successor (or, for a
   * document that lapsed with none, does not say it lapsed): written before the department marked the
   * document replaced, they need a look (not an error: the old rule is kept to explain what changed).
   */
  review: Issue[];
  counts: { files: number; passages: number; documents: number; titles: number; curated: number; other: string[] };
  /** The passages' own `asked:` questions put to the bot (only when the data has no error). */
  asked?: AskedReport;
}

/** Schemas of the other data/*.yaml files, owned by the modules that read them (documents and base salary: docs.ts). */
const OWN_CHECKS = new Set(['titles.yaml', 'documents.yaml', 'base-salary.yaml']);
const OTHER_SCHEMAS: Record<string, ZodType> = {
  'units.yaml': unitsFileSchema,
  'calendar.yaml': calendarFileSchema,
};

function checkTitles(file: string, issues: Issue[], docs: Docs): number {
  const shown = displayPath(file);
  const { parsed, issues: yamlIssues } = parseYaml(readFileSync(file, 'utf8'), shown);
  issues.push(...yamlIssues);
  if (!parsed) return 0;
  const { data, issues: schemaIssues } = validate(titlesFileSchema, parsed, shown);
  issues.push(...schemaIssues);
  if (!data) return 0;
  const seen = new Set<string>();
  data.titles.forEach((t, i) => {
    if (seen.has(t.id)) issues.push({ file: shown, line: parsed.lineOf(['titles', i, 'id']), message: `titles.${i}.id: duplicate id "${t.id}"` });
    seen.add(t.id);
    const cites: [readonly (string | number)[], string][] = [[['titles', i, 'citation', 'doc'], t.citation.doc]];
    t.criteria.forEach((c, j) => cites.push([['titles', i, 'criteria', j, 'citation', 'doc'], c.citation.doc]));
    for (const [p, doc] of cites) {
      if (!docs.has(doc)) issues.push({ file: shown, line: parsed.lineOf(p), message: `${p.join('.')}: unknown document code "${doc}"` });
    }
  });
  return data.titles.length;
}

/** Citations of curated answers naming a document the registry does not know, at their lines. */
function curatedDocIssues(text: string, file: string, docs: Docs): Issue[] {
  const { parsed } = parseYaml(text, file);
  if (!parsed || !Array.isArray(parsed.value)) return [];
  const out: Issue[] = [];
  parsed.value.forEach((e: unknown, i) => {
    const cites = (e as { citations?: unknown })?.citations;
    if (!Array.isArray(cites)) return;
    cites.forEach((c: unknown, j) => {
      const doc = (c as { doc?: unknown })?.doc;
      if (typeof doc === 'string' && !docs.has(doc)) out.push({ file, line: parsed.lineOf([i, 'citations', j, 'doc']), message: `${i}.citations.${j}.doc: unknown document code "${doc}"` });
    });
  });
  return out;
}

export async function checkData(dataDir: string, now = new Date()): Promise<CheckReport> {
  const { docs, issues } = loadDocs(dataDir);
  const review: Issue[] = [];
  const day = dayIn('Asia/Ho_Chi_Minh', now);
  const counts: CheckReport['counts'] = { files: 0, passages: 0, documents: docs.all().length, titles: 0, curated: 0, other: [] };

  const seen = new Map<string, Passage>();
  for (const f of listMarkdown(path.join(dataDir, 'knowledge'))) {
    counts.files++;
    const r = parseKnowledgeFile(readFileSync(f, 'utf8'), f);
    issues.push(...r.issues);
    for (const p of r.passages) {
      counts.passages++;
      issues.push(...checkPassage(p, docs));
      const stale = staleOn(p, docs, day);
      if (stale) {
        const what = stale.by ? `replaced by ${stale.by} from ${stale.from}` : `no longer in force since ${stale.from}`;
        review.push({ file: p.file, line: p.line, message: `${p.id}: cites ${p.doc} (${what}) and does not name its successor: review it` });
      }
      const first = seen.get(p.id);
      if (first) issues.push({ file: p.file, line: p.line, message: `duplicate id "${p.id}" (first in ${first.file}:${first.line})` });
      else seen.set(p.id, p);
    }
  }
  if (counts.files === 0) issues.push({ file: displayPath(path.join(dataDir, 'knowledge')), line: 1, message: 'no knowledge files (*.md) found' });

  const titles = path.join(dataDir, 'titles.yaml');
  if (existsSync(titles)) counts.titles = checkTitles(titles, issues, docs);

  const curatedIds = new Set<string>();
  for (const f of curatedFiles(path.join(dataDir, 'curated'))) {
    const text = readFileSync(f, 'utf8');
    const r = parseCuratedFile(text, f);
    issues.push(...r.issues, ...curatedDocIssues(text, displayPath(f), docs));
    for (const e of r.entries) {
      if (curatedIds.has(e.id)) issues.push({ file: displayPath(f), line: 1, message: `duplicate curated id "${e.id}"` });
      curatedIds.add(e.id);
      counts.curated++;
    }
  }

  let others: string[] = [];
  try {
    others = readdirSync(dataDir).filter((f) => /\.ya?ml$/.test(f) && !OWN_CHECKS.has(f)).sort();
  } catch {
    /* no data dir: reported above */
  }
  for (const name of others) {
    const file = path.join(dataDir, name);
    const shown = displayPath(file);
    const { parsed, issues: yamlIssues } = parseYaml(readFileSync(file, 'utf8'), shown);
    issues.push(...yamlIssues);
    counts.other.push(name);
    const schema = OTHER_SCHEMAS[name];
    if (parsed && schema) issues.push(...validate(schema, parsed, shown).issues);
  }
  // The clusters' year-end review files (data/clusters/<cluster>/review-<year>.yaml).
  const reviews = checkReviewFiles(dataDir, issues);
  if (reviews) counts.other.push(`clusters/*/review-*.yaml (${reviews})`);
  const asked = issues.length === 0 && counts.files > 0 ? await checkAsked(dataDir) : undefined;
  return { issues, review, counts, ...(asked?.total ? { asked } : {}) };
}
