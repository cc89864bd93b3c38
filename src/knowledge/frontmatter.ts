/**
 * A fast reader for the front-matter of passages, which is plain `key: value` lines (scalars, quoted strings,
 * one-line `[a, "b, c"]` lists). The YAML library spends ~1 ms per block; this reads the ~200 blocks of the
 * shipped base in a few. Anything it does not recognise — a comment, a nested map, a block scalar, a value
 * continued on the next line — returns undefined and the caller uses the YAML library instead, so the result is
 * always what YAML would give (a test compares both on every shipped file).
 */
type Scalar = string | number | null | boolean;

const KEY_LINE = /^([A-Za-z_][\w]*):(?:[ \t]+(.*?))?[ \t]*$/;
const PLAIN_SAFE = /^[^'"[\]{}#&*!|>%@`,][^#]*$/;

function scalar(raw: string): Scalar | undefined {
  if (raw === '' || raw === 'null' || raw === '~') return null;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw.startsWith("'")) return /^'((?:[^']|'')*)'$/.test(raw) ? raw.slice(1, -1).replace(/''/g, "'") : undefined;
  if (raw.startsWith('"')) {
    if (!/^"((?:[^"\\]|\\["\\/nt])*)"$/.test(raw)) return undefined;
    return raw.slice(1, -1).replace(/\\(["\\/nt])/g, (_m, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
  }
  if (!PLAIN_SAFE.test(raw) || raw.includes(': ') || raw.endsWith(':')) return undefined;
  if (/^[-+]?\d+(\.\d+)?$/.test(raw) && !/^[-+]?0\d/.test(raw)) return Number(raw);
  if (/^[-+]?(\.inf|\.nan|0x|0o)/i.test(raw)) return undefined;
  return raw;
}

/** Items of a one-line flow sequence "[a, 'b', "c, d"]", or undefined when it is anything more. */
function sequence(raw: string): Scalar[] | undefined {
  if (!raw.endsWith(']')) return undefined;
  const inner = raw.slice(1, -1).trim();
  if (inner === '') return [];
  const items: Scalar[] = [];
  let i = 0;
  while (i < inner.length) {
    let end: number;
    if (inner[i] === "'" || inner[i] === '"') {
      const q = inner[i];
      end = i + 1;
      while (end < inner.length) {
        if (q === "'" && inner[end] === "'" && inner[end + 1] === "'") end += 2;
        else if (q === '"' && inner[end] === '\\') end += 2;
        else if (inner[end] === q) break;
        else end++;
      }
      end++;
    } else {
      end = inner.indexOf(',', i);
      if (end < 0) end = inner.length;
    }
    const item = inner.slice(i, end).trim();
    const v = scalar(item);
    if (v === undefined || (item !== '' && v === null && item !== 'null' && item !== '~')) return undefined;
    items.push(v);
    const rest = inner.slice(end).trimStart();
    if (rest === '') break;
    if (!rest.startsWith(',')) return undefined;
    i = inner.length - rest.length + 1;
    while (inner[i] === ' ') i++;
  }
  return items;
}

export function readFrontMatter(text: string): Record<string, Scalar | Scalar[]> | undefined {
  const out: Record<string, Scalar | Scalar[]> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = KEY_LINE.exec(line);
    if (!m || m[1] in out) return undefined;
    const raw = m[2] ?? '';
    const v = raw.startsWith('[') ? sequence(raw) : scalar(raw);
    if (v === undefined) return undefined;
    out[m[1]] = v;
  }
  return out;
}
