import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { auditEntry } from './audit.js';
import { Repo } from './repo.js';
import type { Store } from './store.js';

/**
 * One-time sign-in links to the web dashboard (`/web` in chat, `thidua weblink`). A link carries
 * a random token of 256 bits; the store keeps only its SHA-256 (namespace `web`, `link|<hash>`),
 * so a copy of the database opens nothing. A link works once (an atomic claim decides between two
 * clicks) and for LINK_TTL_MS; who it signs in is re-read from the store on every request after.
 */
export const webSubjectSchema = z.discriminatedUnion('kind', [
  /** A person bound to a unit: their role and unit are read from `people` on every request. */
  z.object({ kind: z.literal('person'), person: z.string().min(1) }),
  /** The operator at the command line (`thidua weblink --admin`): sees everything, like an administrator. */
  z.object({ kind: z.literal('operator') }),
]);
export type WebSubject = z.infer<typeof webSubjectSchema>;

export const LINK_TTL_MS = 10 * 60_000;
/** A used or expired link is remembered this long, so that it is refused as such (not as unknown). */
const KEEP_MS = 24 * 3600_000;

const linkSchema = z.object({ subject: webSubjectSchema, createdAt: z.string(), expiresAt: z.string(), usedAt: z.string().optional() });
type Link = z.infer<typeof linkSchema>;

/** What the store keeps of a secret: its SHA-256, never the secret. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');
/** 32 random bytes, base64url. */
export const newSecret = () => randomBytes(32).toString('base64url');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type LinkState = { ok: true; subject: WebSubject; expiresAt: Date } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** The address a person opens: `<base>/app/login?t=<token>`. */
export const signInUrl = (base: string, token: string) => `${base}/app/login?t=${token}`;

export class WebLinks {
  private repo: Repo<Link>;
  constructor(private store: Store) {
    this.repo = new Repo(store, 'web', linkSchema);
  }

  /** A new link for `subject`, valid LINK_TTL_MS from `now`; `by` is who asked (audit). */
  async create(subject: WebSubject, now: Date, by: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret();
    const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
    const link: Link = { subject, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
    await this.store.batch([this.repo.write(`link|${hashSecret(token)}`, link, KEEP_MS), auditEntry(now, by, 'weblink', { for: subject.kind === 'person' ? subject.person : 'operator' })]);
    return { token, expiresAt };
  }

  /** What a link would do now, without using it (the page that asks to confirm the sign-in). */
  async peek(token: string, now: Date): Promise<LinkState> {
    if (!TOKEN.test(token)) return { ok: false, reason: 'unknown' };
    const link = await this.repo.get(`link|${hashSecret(token)}`);
    if (!link) return { ok: false, reason: 'unknown' };
    if (link.usedAt) return { ok: false, reason: 'used' };
    if (Date.parse(link.expiresAt) <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, subject: link.subject, expiresAt: new Date(link.expiresAt) };
  }

  /** Uses the link: `ok` for exactly one caller, once, before it expires. */
  async consume(token: string, now: Date): Promise<LinkState> {
    const state = await this.peek(token, now);
    if (!state.ok) return state;
    const hash = hashSecret(token);
    if (!(await this.store.claim(`weblink:${hash}`, KEEP_MS))) return { ok: false, reason: 'used' };
    const link = (await this.repo.get(`link|${hash}`))!;
    const who = state.subject.kind === 'person' ? state.subject.person : 'operator';
    await this.store.batch([this.repo.write(`link|${hash}`, { ...link, usedAt: now.toISOString() }, KEEP_MS), auditEntry(now, who, 'web-signin')]);
    return state;
  }
}
