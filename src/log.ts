/** Structured logging: one JSON object per line on stderr; never prints a secret. */
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEY = /token|secret|password|authorization|api_?key/i;

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

let secrets: string[] = [];
let level: Level = 'info';
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

export function configureLog(opts: { level?: Level; secrets?: string[]; sink?: (line: string) => void }) {
  if (opts.level) level = opts.level;
  if (opts.secrets) secrets = opts.secrets.filter((s) => s.length >= 4);
  if (opts.sink) sink = opts.sink;
}

/**
 * Hides credentials in URLs, even mistyped ones: `redis://user:pw@host`, `redis//:pw@host`,
 * `?password=pw` → `***`.
 */
export function maskUrls(text: string): string {
  return text
    .replace(/(:\/\/)[^\s/@"']+@/g, '$1***@')
    .replace(/(^|[\s/"'])[^\s/@"':]*:[^\s/@"']*@/g, '$1***@')
    .replace(/([?&;](?:password|passwd|pwd|pass|token|secret|api_?key|key)=)[^&\s"']+/gi, '$1***');
}

/** A text fit for a log or an error message: known secrets and URL credentials masked. */
export function redact(text: string): string {
  return maskUrls(secrets.reduce((s, x) => s.split(x).join('***'), text));
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return { name: value.name, message: scrub(value.message), stack: depth < 1 ? scrub(value.stack) : undefined };
  if (Array.isArray(value)) return depth > 4 ? '[…]' : value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    if (depth > 4) return '[…]';
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '***' : scrub(v, depth + 1);
    return out;
  }
  return value;
}

function write(l: Level, scope: string, msg: string, data?: Record<string, unknown>) {
  if (order[l] < order[level]) return;
  const entry = { t: new Date().toISOString(), level: l, scope, msg: scrub(msg), ...(data ? (scrub(data) as object) : {}) };
  sink(JSON.stringify(entry));
}

export function logger(scope: string): Logger {
  return {
    debug: (m, d) => write('debug', scope, m, d),
    info: (m, d) => write('info', scope, m, d),
    warn: (m, d) => write('warn', scope, m, d),
    error: (m, d) => write('error', scope, m, d),
  };
}
