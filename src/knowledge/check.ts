/** `thidua kb check`: validates the knowledge files and data/*.yaml, reporting `file:line: message`. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ZodType } from 'zod';
import { DOCS } from './docs.js';
import { checkPassage, listMarkdown, parseKnowledgeFile, type Passage } from './corpus.js';
import { curatedFiles, parseCuratedFile } from './curated.js';
import { titlesFileSchema } from './titles.js';
import { unitsFileSchema } from '../bot/units.js';
import { calendarFileSchema } from '../flows/reminders/calendar.js';
import { displayPath, parseYaml, validate, type Issue } from './yamlpos.js';

export interface CheckReport {
  issues: Issue[];
  counts: { files: number; passages: number; titles: number; curated: number; other: string[] };
}

/** Schemas of the other data/*.yaml files, owned by the modules that read them. */
const OTHER_SCHEMAS: Record<string, ZodType> = {
  'units.yaml': unitsFileSchema,
  'calendar.yaml': calendarFileSchema,
};

function checkTitles(file: string, issues: Issue[]): number {
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
      if (!(doc in DOCS)) issues.push({ file: shown, line: parsed.lineOf(p), message: `${p.join('.')}: unknown document code "${doc}"` });
    }
  });
  return data.titles.length;
}

export async function checkData(dataDir: string): Promise<CheckReport> {
  const issues: Issue[] = [];
  const counts: CheckReport['counts'] = { files: 0, passages: 0, titles: 0, curated: 0, other: [] };

  const seen = new Map<string, Passage>();
  for (const f of listMarkdown(path.join(dataDir, 'knowledge'))) {
    counts.files++;
    const r = parseKnowledgeFile(readFileSync(f, 'utf8'), f);
    issues.push(...r.issues);
    for (const p of r.passages) {
      counts.passages++;
      issues.push(...checkPassage(p));
      const first = seen.get(p.id);
      if (first) issues.push({ file: p.file, line: p.line, message: `duplicate id "${p.id}" (first in ${first.file}:${first.line})` });
      else seen.set(p.id, p);
    }
  }
  if (counts.files === 0) issues.push({ file: displayPath(path.join(dataDir, 'knowledge')), line: 1, message: 'no knowledge files (*.md) found' });

  const titles = path.join(dataDir, 'titles.yaml');
  if (existsSync(titles)) counts.titles = checkTitles(titles, issues);

  const curatedIds = new Set<string>();
  for (const f of curatedFiles(path.join(dataDir, 'curated'))) {
    const r = parseCuratedFile(readFileSync(f, 'utf8'), f);
    issues.push(...r.issues);
    for (const e of r.entries) {
      if (curatedIds.has(e.id)) issues.push({ file: displayPath(f), line: 1, message: `duplicate curated id "${e.id}"` });
      curatedIds.add(e.id);
      counts.curated++;
    }
  }

  let others: string[] = [];
  try {
    others = readdirSync(dataDir).filter((f) => /\.ya?ml$/.test(f) && f !== 'titles.yaml').sort();
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
  return { issues, counts };
}
