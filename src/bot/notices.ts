import { randomBytes } from 'node:crypto';
import { platformSchema } from './platforms.js';
import { z } from 'zod';
import type { Services } from './context.js';
import { Deliverer, deliverySchema, type Outcome, type Outgoing } from './delivery.js';
import { personKey } from './people.js';
import { Repo } from './repo.js';
import type { Write } from './store.js';
import type { Platform, Reply } from './types.js';

/**
 * The durable outbox of messages that follow a state change (a submitted registration to the
 * head, a decision to the officers, the actor's own confirmation): queued in the same Store.batch
 * as the change, delivered after — right away, and again by the upkeep after a crash — each
 * exactly once through the Deliverer (`note|id` records); a notice's row is gone once it is settled.
 */
export const noticeSchema = z.object({
  to: z.object({ platform: platformSchema, chatId: z.string(), userId: z.string() }),
  text: z.string(),
  choices: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  personal: z.boolean().optional(),
  at: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;
export type NoticeTo = Notice['to'] & { platform: Platform };
export type NoticeReply = Pick<Reply, 'text' | 'choices' | 'personal'>;

export class Notices {
  readonly repo: Repo<Notice>;
  private deliverer: Deliverer;
  constructor(private services: Services) {
    this.repo = new Repo(services.store, 'notices', noticeSchema);
    this.deliverer = new Deliverer(services, new Repo(services.store, 'deliveries', deliverySchema));
  }

  /** Notices and the writes that keep them: put the writes in the Store.batch of the change. */
  queue(list: { to: NoticeTo; reply: NoticeReply }[]): { ids: string[]; writes: Write[] } {
    const at = this.services.now().toISOString();
    const ids = list.map(() => `${at}|${randomBytes(6).toString('hex')}`);
    const writes = list.map((n, i) => this.repo.write(ids[i], { to: n.to, text: n.reply.text, choices: n.reply.choices, personal: n.reply.personal, at }));
    return { ids, writes };
  }

  private outgoing(id: string, n: Notice): Outgoing {
    return { key: `note|${id}`, to: { ...n.to, person: personKey(n.to.platform, n.to.userId) }, reply: { text: n.text, choices: n.choices, personal: n.personal }, meta: { kind: 'notice' } };
  }

  /** Delivers the given notices (all pending ones by default); the outcome of each. A settled notice's row is deleted. */
  async deliver(ids?: string[]): Promise<Map<string, Outcome>> {
    const pending = ids
      ? (await Promise.all(ids.map(async (key) => ({ key, value: await this.repo.get(key) })))).filter((e): e is { key: string; value: Notice } => !!e.value)
      : await this.repo.list();
    const out = new Map<string, Outcome>();
    for (const { key, value } of pending) {
      out.set(key, await this.deliverer.send(this.outgoing(key, value)));
      if (this.deliverer.isFinal(`note|${key}`)) await this.repo.delete(key);
    }
    return out;
  }

  /**
   * The actor's own confirmation goes back as the reply instead of a message: false when the
   * outbox already took it (after a crash, or a concurrent pass), so the reply must not repeat it.
   */
  async handOver(id: string): Promise<boolean> {
    const n = await this.repo.get(id);
    if (!n) return false;
    const taken = await this.deliverer.settle(this.outgoing(id, n), 'answered as the reply');
    if (taken) await this.repo.delete(id);
    return taken;
  }
}
