import type { Store } from './store.js';

/** At most `max` events of one key per window of `windowMs` (fixed windows). */
export interface Rule {
  max: number;
  windowMs: number;
}

export const RULES = {
  /** Invite codes one person may try (8 characters of 32: guessing at this pace is hopeless). */
  invite: { max: 5, windowMs: 15 * 60_000 },
  /** Questions one person may forward to the administrators. */
  escalation: { max: 5, windowMs: 60 * 60_000 },
  /** Refused requests (wrong secret or signature, stale or replayed, too big) from one IP on a webhook path. */
  webhook: { max: 20, windowMs: 60_000 },
  /** Sign-in links to the web dashboard one person may ask for (/web). */
  weblink: { max: 5, windowMs: 15 * 60_000 },
  /** Refused sign-ins (a used, expired or unknown link) from one IP on the web dashboard. */
  signin: { max: 10, windowMs: 15 * 60_000 },
} satisfies Record<string, Rule>;

/**
 * Counts one event of `who` under the rule `name`, in the store so every process shares the count.
 * Not `ok` once the window holds more than the rule allows; `retryMinutes` until it starts over.
 */
export async function rateLimit(store: Store, name: keyof typeof RULES, who: string, now: Date): Promise<{ ok: boolean; retryMinutes: number }> {
  const { max, windowMs } = RULES[name];
  const window = Math.floor(now.getTime() / windowMs);
  const n = await store.increment(`rate:${name}:${who}:${window}`, windowMs);
  return { ok: n <= max, retryMinutes: Math.ceil(((window + 1) * windowMs - now.getTime()) / 60_000) };
}
