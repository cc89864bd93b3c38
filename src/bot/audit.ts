import { randomBytes } from 'node:crypto';
import type { Write } from './store.js';

/** One entry of the audit log as a store write, so it can be part of the change it records (Store.batch). */
export function auditEntry(now: Date, actor: string, action: string, details?: Record<string, unknown>): Write {
  const at = now.toISOString();
  return { ns: 'audit', key: `${at}:${randomBytes(3).toString('hex')}`, value: { at, actor, action, ...details } };
}
