import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { logger } from '../log.js';
import { auditEntry } from './audit.js';
import { shownKey, type Namespace, type Store } from './store.js';

const log = logger('store');

/**
 * A record that cannot be read (not JSON, or failing its schema) is moved aside into the
 * `quarantine` namespace — the raw row, why, when — with an audit entry, and treated as absent:
 * one damaged row never breaks other people's lists, exports or the start-up.
 */
export const quarantinedSchema = z.object({
  namespace: z.string(),
  key: z.string(),
  raw: z.unknown(),
  detail: z.string(),
  at: z.string(),
  /** When the administrators were told. */
  reportedAt: z.string().optional(),
});
export type Quarantined = z.infer<typeof quarantinedSchema>;

/** Moves one row aside: quarantine entry, delete, audit entry — one write. */
export async function quarantine(store: Store, namespace: Namespace, key: string, raw: unknown, detail: string): Promise<void> {
  const now = new Date();
  const at = now.toISOString();
  const entry: Quarantined = { namespace, key, raw, detail, at };
  await store.batch([
    { ns: 'quarantine', key: `${namespace}|${key}|${at}`, value: entry },
    { ns: namespace, key, value: undefined },
    auditEntry(now, 'system', 'corrupt-record', { namespace, key: shownKey(namespace, key), detail }),
  ]);
  log.error('corrupt record quarantined', { namespace, key: shownKey(namespace, key), detail });
}

/** The records skipped as corrupt while the current request (or CLI command) runs: "namespace/key". */
const skipped = new AsyncLocalStorage<string[]>();

export function noteSkipped(namespace: string, key: string): void {
  skipped.getStore()?.push(`${namespace}/${shownKey(namespace, key)}`);
}

/** Runs `fn`, collecting the corrupt records it skipped, so the caller can say how many. */
export async function collectSkipped<T>(fn: () => Promise<T>): Promise<{ result: T; skipped: string[] }> {
  const list: string[] = [];
  const result = await skipped.run(list, fn);
  return { result, skipped: [...new Set(list)] };
}

/** "a/b, c/d, e/f …" — a short list for a message. */
export const listSkipped = (list: string[]) => list.slice(0, 3).join(', ') + (list.length > 3 ? ' …' : '');

/** The line a CLI command prints on stderr when it skipped corrupt records (nothing when none). */
export const skippedLine = (list: string[]) =>
  list.length ? `Đã bỏ qua ${list.length} bản ghi bị lỗi (đã cách ly): ${listSkipped(list)} / Skipped ${list.length} damaged record(s) (quarantined).\n` : '';
