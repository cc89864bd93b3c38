/** Curated answers (data/curated/*.yaml): written by the department, preferred when a question matches closely. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Docs } from './docs.js';
import { termsOf, viTokens } from './analyze.js';
import { STOP_TONED, STOP_VI, conceptsOf, normWords } from './lexicon.js';
import { displayPath, parseYaml, validate, type Issue } from '../domain/yamlpos.js';

const citation = z.object({
  doc: z.string().min(1),
  article: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1)).optional(),
  clause: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1)).optional(),
});

export const curatedEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id: lowercase letters, digits and dashes'),
  questions: z.array(z.string().min(3)).min(1),
  answer: z.string().min(1),
  /** English wording of the answer, used for questions asked in English. */
  answer_en: z.string().min(1).optional(),
  citations: z.array(citation).min(1),
  by: z.string().optional(),
  added: z.string().optional(),
});
export const curatedFileSchema = z.preprocess((v) => v ?? [], z.array(curatedEntrySchema));
export type CuratedEntry = z.infer<typeof curatedEntrySchema>;

export interface CuratedInput {
  questions: string[];
  answer: string;
  citations: { doc: string; article?: string; clause?: string }[];
  by?: string;
}

export function curatedFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

export function parseCuratedFile(text: string, file: string): { entries: CuratedEntry[]; issues: Issue[] } {
  const shown = displayPath(file);
  const { parsed, issues } = parseYaml(text, shown);
  if (!parsed) return { entries: [], issues };
  const r = validate(curatedFileSchema, parsed, shown);
  return { entries: r.data ?? [], issues: r.issues };
}

/**
 * Words two questions are compared on: folded, and without the function words that only diacritics tell
 * apart ("có", "cần", "thì"…), so a question typed without diacritics matches one written with them.
 */
const MATCH_STOP = new Set([...STOP_VI, ...[...STOP_TONED].map((w) => normWords(w)[0])]);
function matchTerms(tokens: string[]): Set<string> {
  return new Set(termsOf(tokens, MATCH_STOP));
}

interface Variant {
  entry: CuratedEntry;
  terms: Set<string>;
  concepts: Set<string>;
}

export interface CuratedMatch {
  entry: CuratedEntry;
  similarity: number;
}

/** How close two questions must be (weighted Dice over words and bigrams) for a curated answer to be used. */
export const CURATED_MIN_SIMILARITY = 0.72;

/** Curated entries with their question variants pre-analysed. */
export class CuratedSet {
  private variants: Variant[] = [];
  readonly entries: CuratedEntry[] = [];

  constructor(private idf: (t: string) => number) {}

  add(entry: CuratedEntry): void {
    this.entries.push(entry);
    for (const q of entry.questions) {
      const tokens = viTokens(q);
      this.variants.push({ entry, terms: matchTerms(tokens), concepts: conceptsOf(tokens) });
    }
  }

  /** The closest curated entry when it is close enough; a question naming other titles or numbers never matches. */
  match(question: string, min = CURATED_MIN_SIMILARITY): CuratedMatch | undefined {
    const tokens = viTokens(question);
    const terms = matchTerms(tokens);
    if (terms.size === 0) return undefined;
    const concepts = conceptsOf(tokens);
    const qWeight = sum(terms, this.idf);
    let best: CuratedMatch | undefined;
    for (const v of this.variants) {
      if (!sameSet(concepts, v.concepts)) continue;
      let common = 0;
      for (const t of terms) if (v.terms.has(t)) common += this.idf(t);
      const sim = (2 * common) / (qWeight + sum(v.terms, this.idf));
      if (sim >= min && (!best || sim > best.similarity)) best = { entry: v.entry, similarity: sim };
    }
    return best;
  }
}

function sum(s: Set<string>, w: (t: string) => number): number {
  let x = 0;
  for (const t of s) x += w(t);
  return x;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Loads every curated file (invalid files are reported, their entries left out). */
export function loadCurated(files: string[]): { entries: CuratedEntry[]; issues: Issue[] } {
  const entries: CuratedEntry[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (!existsSync(f)) continue;
    const r = parseCuratedFile(readFileSync(f, 'utf8'), f);
    issues.push(...r.issues);
    for (const e of r.entries) {
      if (seen.has(e.id)) {
        issues.push({ file: displayPath(f), line: 1, message: `duplicate curated id "${e.id}"` });
        continue;
      }
      seen.add(e.id);
      entries.push(e);
    }
  }
  return { entries, issues };
}

/** The citations of an entry whose document the registry does not know. */
export function unknownDocs(e: Pick<CuratedEntry, 'citations'>, docs: Docs): string[] {
  return e.citations.map((c) => c.doc).filter((d) => !docs.has(d));
}

/** A new entry from a chat (an answer given by the department), validated and given an id. */
export function newEntry(input: CuratedInput, docs: Docs, now = new Date()): CuratedEntry {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const entry = {
    id: `added-${stamp}-${Math.random().toString(36).slice(2, 6)}`,
    questions: input.questions.map((q) => q.normalize('NFC').trim()).filter(Boolean),
    answer: input.answer.normalize('NFC').trim(),
    citations: input.citations.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== ''))),
    ...(input.by ? { by: input.by } : {}),
    added: now.toISOString().slice(0, 10),
  };
  const r = curatedEntrySchema.safeParse(entry);
  if (!r.success) throw new Error(`invalid curated answer: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const unknown = unknownDocs(r.data, docs);
  if (unknown.length) throw new Error(`invalid curated answer: unknown document code ${unknown.map((d) => `"${d}"`).join(', ')}`);
  return r.data;
}

/** Appends an entry to a curated YAML file, keeping its comments; written to a temporary file then renamed. */
export async function appendCurated(file: string, entry: CuratedEntry): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const doc: Document = parseDocument(text ?? '# Curated answers added from the chat (thidua-bot). Checked by `thidua kb check`.\n');
  if (doc.errors.length) throw new Error(`${displayPath(file)}: cannot add to a file with YAML errors: ${doc.errors[0].message.split('\n')[0]}`);
  if (doc.contents == null || (!isSeq(doc.contents) && doc.toJS() == null)) doc.contents = doc.createNode([]);
  if (!isSeq(doc.contents)) throw new Error(`${displayPath(file)}: expected a list of curated answers`);
  doc.contents.items.push(doc.createNode(entry));
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, doc.toString({ lineWidth: 0 }), 'utf8');
  await rename(tmp, file);
}
