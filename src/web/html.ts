/**
 * HTML built with a tagged template that escapes every interpolated value: a unit's name, a
 * question, a note with "<script>" in it are text, always. Only an `Html` (built by this template,
 * or `raw` for the page's own constants) is inserted as markup.
 */
export class Html {
  constructor(readonly s: string) {}
  toString(): string {
    return this.s;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element or a quoted attribute value. */
export const esc = (v: unknown): string => String(v).replace(/[&<>"']/g, (c) => ESC[c]);

export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function part(v: Part): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof Html) return v.s;
  if (Array.isArray(v)) return v.map(part).join('');
  return esc(v);
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup written by this program (never text that came from a person or a data file). */
export const raw = (s: string) => new Html(s);

/** Query string of a link: `?a=1&b=x` (values encoded; empty ones left out). */
export function query(params: Record<string, string | number | undefined>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `?${q}` : '';
}
