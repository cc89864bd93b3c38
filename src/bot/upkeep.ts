import { logger } from '../log.js';
import type { Services } from './context.js';
import { tr, type Msg } from '../text/i18n.js';
import { quarantinedSchema } from './quarantine.js';
import { Repo } from './repo.js';
import type { Write } from './store.js';
import { truncate } from '../text/truncate.js';

const log = logger('upkeep');

export const NOTICES_MS = 60_000;
export const SWEEP_MS = 3600_000;

const M = {
  quarantined: {
    vi: '🛡️ {n} bản ghi bị lỗi đã được chuyển sang khu cách ly (bot coi như không có, dữ liệu khác không bị ảnh hưởng):\n{list}\nBản gốc được giữ trong mục "quarantine" của kho dữ liệu để khôi phục nếu cần.',
    en: '🛡️ {n} damaged record(s) were moved to quarantine (the bot treats them as absent; other data is unaffected):\n{list}\nThe originals are kept in the store’s "quarantine" namespace, to restore if needed.',
  },
} satisfies Record<string, Msg>;

/** Tells every administrator, once, of the records quarantined since the last report: the notices and the marks are one write. */
export async function reportQuarantined(services: Services): Promise<void> {
  const repo = new Repo(services.store, 'quarantine', quarantinedSchema);
  const fresh = (await repo.list()).filter((e) => !e.value.reportedAt);
  if (!fresh.length) return;
  const admins = (await services.people.list()).filter((p) => p.role === 'admin');
  if (!admins.length) return; // kept unreported until an administrator joins
  const list = fresh.map(({ value: q }) => `• ${q.namespace}/${q.key} — ${truncate(q.detail, 160)} (${q.at.slice(0, 16).replace('T', ' ')} UTC)`).join('\n');
  const { writes } = services.notices.queue(
    admins.map((p) => ({ to: { platform: p.platform, chatId: p.chatId, userId: p.userId }, reply: { text: tr(p.locale ?? 'vi', M.quarantined, { n: fresh.length, list }) } })),
  );
  const reportedAt = services.now().toISOString();
  const marks: Write[] = fresh.map(({ key, value }) => repo.write(key, { ...value, reportedAt }));
  await services.store.batch([...writes, ...marks]);
}

/** One pass: report newly quarantined records, then deliver every pending notice (after a crash too). */
export async function deliverPending(services: Services): Promise<void> {
  await reportQuarantined(services);
  await services.notices.deliver();
}

/**
 * The runtime's own background chores, at start and then periodically: pending notices every
 * minute, and expired rows (update dedup, inbox, keyboards, invites) every hour — SQLite keeps an
 * expired row until someone reads it. Returns the stopper, which waits for a pass under way.
 */
export function startUpkeep(services: Services): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const every = (ms: number, what: string, job: () => Promise<unknown>) => {
    let busy = false;
    const run = () => {
      if (busy) return;
      busy = true;
      const p = job()
        .catch((err) => log.error(`${what} failed`, { error: err }))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    run();
    const timer = setInterval(run, ms);
    timer.unref();
    return timer;
  };
  const timers = [
    every(NOTICES_MS, 'delivering pending notices', () => deliverPending(services)),
    every(SWEEP_MS, 'sweeping expired rows', async () => {
      const n = await services.store.sweep();
      if (n) log.info('expired rows deleted', { rows: n });
    }),
  ];
  return async () => {
    timers.forEach(clearInterval);
    await Promise.all([...running]);
  };
}
