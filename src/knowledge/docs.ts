/**
 * The document registry (data/documents.yaml): every document the base cites, with its legal status, and
 * the base salary by period (data/base-salary.yaml). The department keeps status here, not in code: a passage
 * takes its status from its document, so marking a document replaced is one line in that file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { displayPath, parseYaml, validate, type Issue } from '../domain/yamlpos.js';

const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, 'not a real calendar date'),
);
export { isoDate };

const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const code = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a code: lowercase letters, digits and dashes');

const documentSchema = z
  .object({
    code,
    number: z.string().min(1).optional(),
    kind: z.enum(['luat', 'nghi-dinh', 'thong-tu', 'cong-van', 'quyet-dinh', 'nghi-quyet', 'thuc-tien']),
    name: text,
    issuer: z.string().min(1).optional(),
    issued: isoDate.optional(),
    effective: isoDate.nullable().default(null),
    superseded_by: code.nullable().default(null),
    superseded_from: isoDate.nullable().default(null),
    expired: isoDate.nullable().default(null),
    amended_by: z.array(code).default([]),
    confidence: z.enum(['high', 'medium', 'low']).default('high'),
    note: text.optional(),
    source: z.string().regex(/^https?:\/\//, 'source: the address (http…) where the original can be read'),
  })
  .strict()
  .refine((d) => !d.superseded_by || d.superseded_from, { message: 'superseded_by needs superseded_from (the date the successor took over)', path: ['superseded_from'] });

/** The file's shape; each entry is then validated on its own, so one bad entry leaves the others usable. */
const documentsFileSchema = z.object({ documents: z.array(z.unknown()).min(1) }).strict();

const salarySchema = z.object({ from: isoDate, amount: z.number().int().positive(), doc: code }).strict();
export const baseSalaryFileSchema = z.object({ base_salary: z.array(salarySchema).min(1) }).strict();

export interface DocInfo {
  code: string;
  number?: string;
  kind: string;
  name: { vi: string; en: string };
  effective: string | null;
  supersededBy: string | null;
  supersededFrom: string | null;
  expired: string | null;
  amendedBy: string[];
  confidence: 'high' | 'medium' | 'low';
  note?: { vi: string; en: string };
  source: string;
}

export interface BaseSalary {
  from: string;
  amount: number;
  doc: string;
}

export interface Citation {
  doc: string;
  article?: string;
  clause?: string;
}

/**
 * Status of a document on a given day. `by`: what replaced it — the end of the chain of replacements that is
 * in force today (Nghị định 91/2017 → 98/2023 → 152/2025 gives 152/2025), or null when it lapsed with none.
 */
export type DocStatus = { inForce: true } | { inForce: false; by: string | null; from: string };

const KIND_NAMES: Record<string, { vi: string; en: string }> = {
  luat: { vi: 'Luật', en: 'Law' },
  'nghi-dinh': { vi: 'Nghị định', en: 'Decree' },
  'thong-tu': { vi: 'Thông tư', en: 'Circular' },
  'cong-van': { vi: 'Công văn', en: 'Official letter' },
  'quyet-dinh': { vi: 'Quyết định', en: 'Decision' },
  'nghi-quyet': { vi: 'Nghị quyết', en: 'Resolution' },
};

export class Docs {
  private readonly map = new Map<string, DocInfo>();
  private readonly salaries: BaseSalary[];

  constructor(docs: readonly DocInfo[], salaries: readonly BaseSalary[] = []) {
    for (const d of docs) this.map.set(d.code, d);
    this.salaries = [...salaries].sort((a, b) => a.from.localeCompare(b.from));
  }

  get(c: string): DocInfo | undefined {
    return this.map.get(c);
  }

  has(c: string): boolean {
    return this.map.has(c);
  }

  all(): DocInfo[] {
    return [...this.map.values()];
  }

  /** Replaced or lapsed on `day` (YYYY-MM-DD)? A replacement dated later does not count yet. */
  status(c: string, day: string): DocStatus {
    const d = this.map.get(c);
    if (d?.expired && d.expired <= day) return { inForce: false, by: null, from: d.expired };
    if (!d?.supersededBy || !d.supersededFrom || d.supersededFrom > day) return { inForce: true };
    // Follow the chain to the successor in force (at most as many steps as documents: no loop on a cycle).
    let by: string | null = d.supersededBy;
    for (let steps = 0; by && steps < this.map.size; steps++) {
      const next = this.map.get(by);
      if (!next) break;
      if (next.expired && next.expired <= day) by = null;
      else if (next.supersededBy && next.supersededFrom && next.supersededFrom <= day) by = next.supersededBy;
      else break;
    }
    return { inForce: false, by, from: d.supersededFrom };
  }

  /** "khoản 1 Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15" / "Article 23(1), Law …". */
  cite(c: Citation, lang: 'vi' | 'en'): string {
    const name = this.map.get(c.doc)?.name[lang] ?? c.doc;
    if (lang === 'en') return `${c.article ? `Article ${c.article}${c.clause ? `(${c.clause})` : ''}, ` : ''}${name}`;
    return `${c.article ? `${c.clause ? `khoản ${c.clause} ` : ''}Điều ${c.article} ` : ''}${name}`;
  }

  /** A short reference: kind and number ("Luật 06/2026/QH16", "Decree 152/2025/NĐ-CP"), else the full name. */
  short(c: string, lang: 'vi' | 'en'): string {
    const d = this.map.get(c);
    const kind = d && KIND_NAMES[d.kind]?.[lang];
    return d?.number && kind ? `${kind} ${d.number}` : (d?.name[lang] ?? c);
  }

  /** The base salary in force on `day`, if the registry has one. */
  baseSalary(day: string): BaseSalary | undefined {
    let found: BaseSalary | undefined;
    for (const s of this.salaries) if (s.from <= day) found = s;
    return found;
  }
}

function toInfo(d: z.infer<typeof documentSchema>): DocInfo {
  return {
    code: d.code,
    ...(d.number ? { number: d.number } : {}),
    kind: d.kind,
    name: d.name,
    effective: d.effective,
    supersededBy: d.superseded_by,
    supersededFrom: d.superseded_from,
    expired: d.expired,
    amendedBy: d.amended_by,
    confidence: d.confidence,
    ...(d.note ? { note: d.note } : {}),
    source: d.source,
  };
}

/** Reads data/documents.yaml and data/base-salary.yaml; problems are issues (`file:line: message`), never thrown. */
export function loadDocs(dataDir: string): { docs: Docs; issues: Issue[] } {
  const issues: Issue[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>): { data?: T; lineOf?: (p: (string | number)[]) => number; shown: string } => {
    const file = path.join(dataDir, name);
    const shown = displayPath(file);
    if (!existsSync(file)) {
      issues.push({ file: shown, line: 1, message: `missing: ${name} is required` });
      return { shown };
    }
    const { parsed, issues: yamlIssues } = parseYaml(readFileSync(file, 'utf8'), shown);
    issues.push(...yamlIssues);
    if (!parsed) return { shown };
    const r = validate(schema, parsed, shown);
    issues.push(...r.issues);
    return { data: r.data, lineOf: parsed.lineOf, shown };
  };
  const reg = read('documents.yaml', documentsFileSchema);
  const infos: DocInfo[] = [];
  (reg.data?.documents ?? []).forEach((raw, i) => {
    const r = documentSchema.safeParse(raw);
    if (r.success) infos.push(toInfo(r.data));
    else for (const e of r.error.issues) issues.push({ file: reg.shown, line: reg.lineOf!(['documents', i, ...e.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]), message: `documents.${i}${e.path.length ? `.${e.path.join('.')}` : ''}: ${e.message}` });
  });
  const codes = new Set<string>();
  const indexOf = (code: string) => (reg.data?.documents ?? []).findIndex((x) => (x as { code?: unknown })?.code === code);
  const at = (d: DocInfo, key: string, message: string) => {
    const i = indexOf(d.code);
    issues.push({ file: reg.shown, line: reg.lineOf!(['documents', i, key]), message: `documents.${i} (${d.code}): ${message}` });
  };
  for (const d of infos) {
    if (codes.has(d.code)) at(d, 'code', 'duplicate code');
    codes.add(d.code);
  }
  for (const d of infos) {
    if (d.supersededBy && !codes.has(d.supersededBy)) at(d, 'superseded_by', `unknown document code "${d.supersededBy}"`);
    for (const a of d.amendedBy) if (!codes.has(a)) at(d, 'amended_by', `unknown document code "${a}"`);
  }
  const sal = read('base-salary.yaml', baseSalaryFileSchema);
  const salaries = sal.data?.base_salary ?? [];
  salaries.forEach((s, i) => {
    if (!codes.has(s.doc)) issues.push({ file: sal.shown, line: sal.lineOf!(['base_salary', i, 'doc']), message: `base_salary.${i}.doc: unknown document code "${s.doc}"` });
  });
  return { docs: new Docs(infos, salaries), issues };
}

const cache = new Map<string, Docs>();
/** The registry of a data directory, read once (problems are reported by `thidua kb check`). */
export function docsAt(dataDir: string): Docs {
  const key = path.resolve(dataDir);
  let d = cache.get(key);
  if (!d) {
    d = loadDocs(dataDir).docs;
    cache.set(key, d);
  }
  return d;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Today's date (YYYY-MM-DD) in a time zone (the formatter is built once per zone: building one costs more than an answer). */
export function dayIn(timeZone: string, now = new Date()): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(now);
}
