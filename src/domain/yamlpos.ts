/** YAML parsing that keeps line numbers, so every error can be reported as `file:line: message`. */
import path from 'node:path';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { ZodError, ZodType } from 'zod';

export interface Issue {
  file: string;
  line: number;
  message: string;
}

export function formatIssue(i: Issue): string {
  return `${i.file}:${i.line}: ${i.message}`;
}

/** A path as shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export interface ParsedYaml {
  doc: Document;
  value: unknown;
  /** 1-based line in the file of an offset in the YAML text. */
  lineAt(offset: number): number;
  /** Line of the value at `keyPath` (or of its nearest existing parent). */
  lineOf(keyPath: readonly PropertyKey[]): number;
}

/**
 * Parses YAML text that starts at line `firstLine` of `file`; syntax errors become issues.
 * Timestamps stay strings (core schema), so dates are validated as text.
 */
export function parseYaml(text: string, file: string, firstLine = 1): { parsed?: ParsedYaml; issues: Issue[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lc.linePos(offset).line + firstLine - 1;
  if (doc.errors.length > 0) {
    return { issues: doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), message: `YAML: ${e.message.split('\n')[0]}` })) };
  }
  const lineOf = (keyPath: readonly PropertyKey[]): number => {
    for (let n = keyPath.length; n >= 0; n--) {
      const p = keyPath.slice(0, n).map((k) => (typeof k === 'symbol' ? String(k) : k));
      const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
      // For a missing key this ends at the map that should hold it.
      if (isNode(node) && node.range) return lineAt(node.range[0]);
    }
    return firstLine;
  };
  return { parsed: { doc, value: doc.toJS(), lineAt, lineOf }, issues: [] };
}

/** Zod validation of a parsed YAML value with issues pointing at lines. */
export function validate<T>(schema: ZodType<T>, parsed: ParsedYaml, file: string, prefix = ''): { data?: T; issues: Issue[] } {
  const r = schema.safeParse(parsed.value);
  if (r.success) return { data: r.data, issues: [] };
  return { issues: zodIssues(r.error, parsed, file, prefix) };
}

export function zodIssues(err: ZodError, parsed: ParsedYaml, file: string, prefix = ''): Issue[] {
  return err.issues.map((i) => {
    const where = i.path.length ? `${prefix}${i.path.map(String).join('.')}: ` : prefix;
    return { file, line: parsed.lineOf(i.path), message: `${where}${i.message}` };
  });
}
