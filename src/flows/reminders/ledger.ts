import { z } from 'zod';
import { platformSchema } from '../../bot/platforms.js';
import { Repo } from '../../bot/repo.js';
import type { Store } from '../../bot/store.js';
import { deliverySchema, type Delivery } from '../../bot/delivery.js';

/**
 * What was sent, acknowledged and completed — the evidence of notification.
 * deliveries: one record per notice and recipient (`rem|deadline|slot|person`, `ann|id|person`; bot/delivery.ts).
 * acks: `done|deadline|unit` (who pressed done, when) and `snooze|deadline|person`.
 * meta: `ann|id` announcements (kept so a restart finishes them).
 */
export const doneSchema = z.object({ by: z.string(), name: z.string().optional(), at: z.string() });
export type Done = z.infer<typeof doneSchema>;
export const snoozeSchema = z.object({ at: z.string(), until: z.string() });

export const announcementSchema = z.object({
  id: z.string(),
  text: z.string(),
  by: z.string(),
  byName: z.string().optional(),
  byAddress: z.object({ platform: platformSchema, chatId: z.string() }),
  byLocale: z.enum(['vi', 'en']),
  audience: z.string(),
  recipients: z.array(z.string()),
  createdAt: z.string(),
  reportedAt: z.string().optional(),
});
export type Announcement = z.infer<typeof announcementSchema>;

export class Ledger {
  readonly deliveries: Repo<Delivery>;
  readonly done: Repo<Done>;
  readonly snoozes: Repo<z.infer<typeof snoozeSchema>>;
  readonly announcements: Repo<Announcement>;
  constructor(store: Store) {
    this.deliveries = new Repo(store, 'deliveries', deliverySchema);
    this.done = new Repo(store, 'acks', doneSchema);
    this.snoozes = new Repo(store, 'acks', snoozeSchema);
    this.announcements = new Repo(store, 'meta', announcementSchema);
  }
  /** The delivery of one reminder slot of a deadline to one person (`personKey`). */
  static reminderKey = (deadlineId: string, slot: string, person: string) => `rem|${deadlineId}|${slot}|${person}`;
  static doneKey = (deadlineId: string, unitId: string) => `done|${deadlineId}|${unitId}`;
  static snoozeKey = (deadlineId: string, person: string) => `snooze|${deadlineId}|${person}`;
}

/**
 * CSV cell: quoted when needed. Text a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return) gets a leading apostrophe, so it shows as text; numbers stay numbers.
 */
const cell = (v: unknown) => {
  const raw = v === undefined || v === null ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 CSV with a BOM, so Excel shows Vietnamese. */
export function toCsv(header: string[], rows: unknown[][]): Buffer {
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
