import { randomBytes } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { Queue, createNodeRedisClient } from 'bullmq';
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, Outbox, type Sender } from '../../src/bot/outbox.js';
import { RedisQueue } from '../../src/bot/queue-redis.js';
import { FakeTelegram, TELEGRAM_LIMITS, TEST_TOKEN } from '../helpers/fake-telegram.js';
import '../helpers/app.js';

const redisUrl = process.env.TEST_REDIS_URL;

/** A Telegram sender through the real Bot API client against the fake, wired to the outbox like the adapter's (call guard, 429 hold). */
function sender(fake: FakeTelegram, outbox: Outbox): Sender {
  const api = new Api(TEST_TOKEN, { apiRoot: fake.apiRoot });
  api.config.use(async (prev, method, payload, signal) => {
    if (method === 'sendMessage') await outbox.beforeCall('telegram');
    const res = await prev(method, payload, signal);
    if (!res.ok && res.error_code === 429) await outbox.rateLimited('telegram', (res.parameters?.retry_after ?? 1) * 1000);
    return res;
  });
  return {
    platform: 'telegram',
    isGroup: (chatId) => chatId.startsWith('-'),
    async send(chatId, reply) {
      await api.sendMessage(chatId, reply.text);
    },
  };
}

describe.skipIf(!redisUrl)('the BullMQ queue shared by replicas (real Redis)', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  /** `n` replicas' outboxes on one Redis (their own BullMQ prefix per test), each serving Telegram. */
  async function replicas(n: number, fake: FakeTelegram) {
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    const out: Outbox[] = [];
    for (let i = 0; i < n; i++) {
      const q = await RedisQueue.open(redisUrl!, { prefix });
      const outbox = new Outbox(LIMITS, q);
      outbox.register(sender(fake, outbox));
      closers.push(() => q.close());
      out.push(outbox);
    }
    return out;
  }

  it('two replicas broadcasting at once share one Telegram rate: every message arrives, no 429', async () => {
    const fake = await FakeTelegram.start({ limits: TELEGRAM_LIMITS });
    closers.push(() => fake.close());
    const [a, b] = await replicas(2, fake);
    const sends = Array.from({ length: 90 }, (_, i) => (i % 2 ? a : b).send({ platform: 'telegram', chatId: String(5000 + i) }, [{ text: `tin ${i}` }], { broadcast: true }));
    await Promise.all(sends);
    const stats = fake.stats();
    expect(stats.sent).toBe(90);
    expect(stats.rejected429).toBe(0);
    expect(stats.duplicates).toBe(0);
  });

  it('a chat gets its replies in order and at its own pace (1/s) from whichever replica sends them', async () => {
    const fake = await FakeTelegram.start({ limits: TELEGRAM_LIMITS });
    closers.push(() => fake.close());
    const [a, b] = await replicas(2, fake);
    await a.send({ platform: 'telegram', chatId: '42' }, [{ text: 'một' }, { text: 'hai' }]);
    await b.send({ platform: 'telegram', chatId: '42' }, [{ text: 'ba' }]);
    expect(fake.sent.map((m) => m.text)).toEqual(['một', 'hai', 'ba']);
    expect(fake.rejected429).toBe(0);
  });

  it('a job submitted again under the same idempotency key is sent once', async () => {
    const fake = await FakeTelegram.start({ limits: TELEGRAM_LIMITS });
    closers.push(() => fake.close());
    const [a, b] = await replicas(2, fake);
    const job = { to: { platform: 'telegram' as const, chatId: '77' }, replies: [{ text: 'một lần' }], broadcast: true };
    const outcomes = await Promise.all([a.submit(job, 'msg-1#1'), b.submit(job, 'msg-1#1'), a.submit(job, 'msg-1#1')]);
    expect(outcomes).toEqual(['sent', 'sent', 'sent']);
    // Submitted once more after it finished: still the same job.
    expect(await b.submit(job, 'msg-1#1')).toBe('sent');
    expect(fake.sent.filter((m) => m.text === 'một lần')).toHaveLength(1);
  });

  it('a 429 with retry_after is obeyed and the message still arrives once', async () => {
    const fake = await FakeTelegram.start({ limits: TELEGRAM_LIMITS });
    closers.push(() => fake.close());
    const [a] = await replicas(1, fake);
    fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    await a.send({ platform: 'telegram', chatId: '9' }, [{ text: 'sau 429' }]);
    expect(fake.sent.filter((m) => m.text === 'sau 429')).toHaveLength(1);
  });

  it('a scheduled run happens on one replica only', async () => {
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    const runs: number[] = [];
    let resolve!: () => void;
    const ran = new Promise<void>((r) => (resolve = r));
    for (let i = 0; i < 3; i++) {
      const q = await RedisQueue.open(redisUrl!, { prefix });
      closers.push(() => q.close());
      await q.every('tick', 3_600_000, async () => {
        runs.push(i);
        resolve();
      });
    }
    await ran;
    for (const c of closers.splice(0).reverse()) await c(); // the workers finish what they took
    // Each replica asked for the start-up run; one job exists and one replica ran it.
    const raw = createClient({ url: redisUrl });
    await raw.connect();
    const jobs = new Queue('jobs', { connection: createNodeRedisClient(raw), prefix });
    const counts = await jobs.getJobCounts('completed', 'active', 'waiting', 'prioritized', 'failed');
    await jobs.close();
    await raw.quit();
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(1);
    expect(runs).toHaveLength(1);
  });
});
