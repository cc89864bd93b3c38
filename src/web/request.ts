import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Html } from './html.js';

/** The web dashboard's side of HTTP: cookies, form bodies, answers with their security headers. */

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k || k in out) continue;
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      /* not ours */
    }
  }
  return out;
}

export interface CookieOptions {
  path: string;
  maxAgeSec: number;
  secure: boolean;
  httpOnly?: boolean;
  sameSite?: 'Strict' | 'Lax';
}

export function setCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${o.path}`,
    `Max-Age=${o.maxAgeSec}`,
    o.httpOnly === false ? '' : 'HttpOnly',
    `SameSite=${o.sameSite ?? 'Strict'}`,
    o.secure ? 'Secure' : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** Form bodies are small: an answer to a question is the largest. */
export const MAX_FORM = 64 * 1024;

/** An urlencoded form body of at most MAX_FORM bytes; undefined when bigger or of another type. */
export function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' || Number(req.headers['content-length']) > MAX_FORM) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FORM) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? undefined : new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** Constant-time comparison of two secrets (CSRF tokens). */
export function sameSecret(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const newNonce = () => randomBytes(16).toString('base64');

/** Headers of every answer: nothing cached, framed, sniffed or referred; only this page's own script and style run. */
export function securityHeaders(nonce?: string): Record<string, string> {
  const csp = [
    "default-src 'none'",
    nonce ? `style-src 'nonce-${nonce}'` : '',
    nonce ? `script-src 'nonce-${nonce}'` : '',
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]
    .filter(Boolean)
    .join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
  };
}

export function sendHtml(res: ServerResponse, status: number, page: Html, nonce: string, headers: Record<string, string | string[]> = {}): void {
  const body = Buffer.from(`<!doctype html>\n${page.s}`, 'utf8');
  res.writeHead(status, { ...securityHeaders(nonce), 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length), ...headers }).end(body);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...securityHeaders(), location, 'content-length': '0', ...headers }).end();
}

/** A file to download: its name in ASCII and in UTF-8 (RFC 6266). */
export function sendFile(res: ServerResponse, file: { name: string; mime: string; bytes: Uint8Array }): void {
  const ascii = file.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]+/g, '-');
  res
    .writeHead(200, {
      ...securityHeaders(),
      'content-type': file.mime,
      'content-length': String(file.bytes.length),
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    })
    .end(file.bytes);
}

