/** The knowledge base: data/knowledge/**\/*.md, one or more passages per file, each with YAML front-matter. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { isoDate, type DocStatus, type Docs } from './docs.js';
import { readFrontMatter } from './frontmatter.js';
import { fold } from '../text/vntext.js';
import { displayPath, parseYaml, validate, type Issue } from '../domain/yamlpos.js';

export type Confidence = 'high' | 'medium' | 'low';

export interface Passage {
  id: string;
  title: string;
  /** English title, shown in English answers. */
  titleEn?: string;
  doc: string;
  article?: string;
  clause?: string;
  /** `article: null` was written on purpose (the passage covers a whole document, or the article is not known). */
  noArticle?: boolean;
  /** In force from (YYYY-MM-DD). */
  effective: string;
  /**
   * Set only when this one rule was replaced inside a document otherwise in force; a passage normally takes
   * its status from its document in data/documents.yaml (see `passageStatus`).
   */
  supersededBy: string | null;
  confidence: Confidence;
  tags: string[];
  keywords: string[];
  /** Questions officers would ask that this passage answers, in their words: searched, never shown. */
  asked: string[];
  source: string;
  /** First paragraph of the body. */
  lead: string;
  /** "- …" lines of the body. */
  bullets: string[];
  /** The "Lưu ý: …" line without its label. */
  note?: string;
  /** The "EN: …" English summary without its label. */
  en?: string;
  /** Any other body text. */
  extra: string[];
  /** Where it came from (for messages): the file, the line of its opening "---", and of each front-matter key. */
  file: string;
  line: number;
  keyLines: Record<string, number>;
}

/** Article and clause numbers are text, but `article: 23` (a YAML number) is accepted. */
const numText = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^[0-9]+[a-zđ]?$/i, 'expected an article/clause number such as "23"'));

export const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id: lowercase letters, digits and dashes'),
  title: z.string().min(1),
  title_en: z.string().min(1).optional(),
  doc: z.string().min(1),
  article: numText.nullable().optional(),
  clause: numText.optional(),
  effective: isoDate,
  superseded_by: z.string().min(1).nullable().default(null),
  confidence: z.enum(['high', 'medium', 'low']),
  tags: z.array(z.string().min(1)).default([]),
  keywords: z.array(z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1))).default([]),
  asked: z.array(z.string().min(1)).default([]),
  source: z.string().min(1),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;
export const FRONT_MATTER_KEYS = new Set(Object.keys(frontMatterSchema.shape));

/** Kinds of document whose passages need no article (practice notes, official letters). */
const NO_ARTICLE_KINDS = new Set(['thuc-tien', 'cong-van']);

interface Block {
  yaml: string;
  yamlLine: number;
  body: string[];
  line: number;
}

/** Splits a file into front-matter + body blocks. A new block starts at a `---` line followed by an `id:` line. */
function splitBlocks(text: string, file: string): { blocks: Block[]; issues: Issue[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i >= lines.length) return { blocks, issues: [{ file, line: 1, message: 'empty file: expected a passage starting with a front-matter block (---)' }] };
  if (lines[i].trim() !== '---') return { blocks, issues: [{ file, line: i + 1, message: 'expected front-matter: the file must start with a line "---"' }] };
  while (i < lines.length) {
    const open = i;
    let close = open + 1;
    while (close < lines.length && lines[close].trim() !== '---') close++;
    if (close >= lines.length) return { blocks, issues: [{ file, line: open + 1, message: 'front-matter is not closed by a line "---"' }] };
    let end = close + 1;
    for (; end < lines.length; end++) {
      if (lines[end].trim() !== '---') continue;
      let next = end + 1;
      while (next < lines.length && lines[next].trim() === '') next++;
      if (next < lines.length && /^id\s*:/.test(lines[next])) break;
    }
    blocks.push({ yaml: lines.slice(open + 1, close).join('\n'), yamlLine: open + 2, body: lines.slice(close + 1, end), line: open + 1 });
    i = end;
  }
  return { blocks, issues: [] };
}

const BULLET = /^\s*[-*•]\s+/;
const NOTE = /^(lưu ý|luu y|chú ý|chu y|note)\s*:\s*/i;
const EN = /^EN\s*:\s*/;

/** Lead paragraph, bullets, note, English line and the rest of a Markdown body. */
export function parseBody(lines: string[]): Pick<Passage, 'lead' | 'bullets' | 'note' | 'en' | 'extra'> {
  const lead: string[] = [];
  const bullets: string[] = [];
  const extra: string[] = [];
  let note: string | undefined;
  let en: string | undefined;
  let last: 'lead' | 'bullet' | 'note' | 'en' | 'extra' | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      if (last === 'lead') last = 'extra';
      continue;
    }
    const nfc = line.normalize('NFC');
    if (BULLET.test(raw)) {
      bullets.push(nfc.replace(BULLET, '').trim());
      last = 'bullet';
    } else if (NOTE.test(fold(nfc)) || NOTE.test(nfc)) {
      note = nfc.replace(/^[^:]*:\s*/, '');
      last = 'note';
    } else if (EN.test(nfc)) {
      en = nfc.replace(EN, '');
      last = 'en';
    } else if (/^\s+/.test(raw) && last === 'bullet') {
      bullets[bullets.length - 1] += ` ${nfc}`;
    } else if (last === undefined || last === 'lead') {
      lead.push(nfc.replace(/^#+\s*/, ''));
      last = 'lead';
    } else if (last === 'note' && note !== undefined && !/^#/.test(nfc)) {
      note += ` ${nfc}`;
    } else if (last === 'en' && en !== undefined) {
      en += ` ${nfc}`;
    } else {
      extra.push(nfc);
      last = 'extra';
    }
  }
  return { lead: lead.join(' '), bullets, note, en, extra };
}

export interface ParsedFile {
  passages: Passage[];
  issues: Issue[];
}

/** A front-matter block parsed without positions when it is valid, else undefined. */
function parseFast(yaml: string): FrontMatter | undefined {
  let value: unknown = readFrontMatter(yaml);
  if (value === undefined) {
    try {
      value = parse(yaml);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).some((k) => !FRONT_MATTER_KEYS.has(k))) return undefined;
  const r = frontMatterSchema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** Lines of the top-level keys of a front-matter block starting at `firstLine`. */
function keyLinesOf(yaml: string, firstLine: number): Record<string, number> {
  const out: Record<string, number> = {};
  yaml.split('\n').forEach((l, i) => {
    const m = /^([A-Za-z_][\w]*)\s*:/.exec(l);
    if (m && !(m[1] in out)) out[m[1]] = firstLine + i;
  });
  return out;
}

function toPassage(data: FrontMatter, body: ReturnType<typeof parseBody>, file: string, line: number, keyLines: Record<string, number>): Passage {
  return {
    id: data.id,
    title: data.title.normalize('NFC'),
    ...(data.title_en ? { titleEn: data.title_en.normalize('NFC') } : {}),
    doc: data.doc,
    ...(data.article ? { article: data.article } : {}),
    ...(data.article === null ? { noArticle: true } : {}),
    ...(data.clause ? { clause: data.clause } : {}),
    effective: data.effective,
    supersededBy: data.superseded_by,
    confidence: data.confidence,
    tags: data.tags,
    keywords: data.keywords.map((k) => k.normalize('NFC')),
    asked: data.asked.map((q) => q.normalize('NFC')),
    source: data.source,
    ...body,
    file,
    line,
    keyLines,
  };
}

/** Parses one knowledge file (schema errors become issues; valid passages are returned). */
export function parseKnowledgeFile(text: string, filePath: string): ParsedFile {
  const file = displayPath(filePath);
  const { blocks, issues } = splitBlocks(text, file);
  const passages: Passage[] = [];
  for (const b of blocks) {
    // Fast path: a valid block needs no positions but the lines of its top-level keys.
    const fast = parseFast(b.yaml);
    if (fast) {
      const body = parseBody(b.body);
      if (body.lead || body.bullets.length) {
        passages.push(toPassage(fast, body, file, b.line, keyLinesOf(b.yaml, b.yamlLine)));
        continue;
      }
    }
    // Slow path, with positions for every problem.
    const { parsed, issues: yamlIssues } = parseYaml(b.yaml, file, b.yamlLine);
    if (!parsed) {
      issues.push(...yamlIssues);
      continue;
    }
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      issues.push({ file, line: b.line, message: 'front-matter must be a mapping of keys (id, title, doc, …)' });
      continue;
    }
    for (const k of Object.keys(parsed.value)) {
      if (!FRONT_MATTER_KEYS.has(k)) issues.push({ file, line: parsed.lineOf([k]), message: `unknown key "${k}" (expected one of ${[...FRONT_MATTER_KEYS].join(', ')})` });
    }
    const { data, issues: schemaIssues } = validate(frontMatterSchema, parsed, file);
    if (!data) {
      issues.push(...schemaIssues);
      continue;
    }
    const body = parseBody(b.body);
    if (!body.lead && body.bullets.length === 0) {
      issues.push({ file, line: b.yamlLine + b.yaml.split('\n').length + 1, message: `passage "${data.id}" has no text after its front-matter` });
      continue;
    }
    passages.push(toPassage(data, body, file, b.line, Object.fromEntries(Object.keys(parsed.value).map((k) => [k, parsed.lineOf([k])]))));
  }
  return { passages, issues };
}

/** Semantic checks of a passage against the document registry (run by `thidua kb check`). */
export function checkPassage(p: Passage, docs: Docs): Issue[] {
  const out: Issue[] = [];
  const at = (key: string, message: string) => out.push({ file: p.file, line: p.keyLines[key] ?? p.line, message: `${p.id}: ${message}` });
  const doc = docs.get(p.doc);
  if (!doc) at('doc', `unknown document code "${p.doc}": add it to data/documents.yaml or correct the code`);
  else if (!p.article && !p.noArticle && !NO_ARTICLE_KINDS.has(doc.kind)) {
    at('doc', `article is required for document "${p.doc}": give its number, or write \`article: null\` when the passage covers the whole document or the article is not known`);
  }
  if (p.clause && !p.article) at('clause', 'clause given without article');
  if (p.supersededBy !== null && !docs.has(p.supersededBy)) at('superseded_by', `superseded_by "${p.supersededBy}" is not a code of data/documents.yaml`);
  if (!/^https?:\/\//.test(p.source)) at('source', 'source should be the address (http…) where the original can be read');
  return out;
}

/** Is the passage's rule in force on `day`: its own `superseded_by`, else its document's status. */
export function passageStatus(p: Passage, docs: Docs, day: string): DocStatus {
  const own = docs.status(p.doc, day);
  if (!own.inForce || !p.supersededBy) return own;
  const from = docs.get(p.supersededBy)?.effective ?? p.effective;
  return from <= day ? { inForce: false, by: p.supersededBy, from } : own;
}

/** All *.md files under a directory, sorted, recursively. */
export function listMarkdown(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listMarkdown(full));
    else if (e.isFile() && e.name.endsWith('.md') && !/^readme\.md$/i.test(e.name)) out.push(full);
  }
  return out;
}

export interface Corpus {
  passages: Passage[];
  /** Schema errors (their passages are left out) and duplicate ids. */
  issues: Issue[];
}

/** Loads every passage under `dir`; invalid passages are reported in `issues` and left out. */
export function loadCorpus(dir: string): Corpus {
  const passages: Passage[] = [];
  const issues: Issue[] = [];
  const seen = new Map<string, Passage>();
  for (const f of listMarkdown(dir)) {
    const r = parseKnowledgeFile(readFileSync(f, 'utf8'), f);
    issues.push(...r.issues);
    for (const p of r.passages) {
      const first = seen.get(p.id);
      if (first) {
        issues.push({ file: p.file, line: p.line, message: `duplicate id "${p.id}" (first in ${first.file}:${first.line})` });
        continue;
      }
      seen.set(p.id, p);
      passages.push(p);
    }
  }
  return { passages, issues };
}
