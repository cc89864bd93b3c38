import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { freePort, telegramHarness } from './setup.js';

const SECRET = 'webhook-secret_123';
const ANNA = { id: 601, first_name: 'An' };

type H = Awaited<ReturnType<typeof telegramHarness>>;
let h: H;
let port: number;
beforeEach(async () => {
  port = await freePort();
  h = await telegramHarness({ env: { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: String(port) } });
});
afterEach(async () => {
  await h.close();
});

function fetchText(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('Telegram adapter, webhook', () => {
  it('registers the webhook with its secret and answers health checks', async () => {
    expect(h.fake.webhook).toMatchObject({ url: `http://127.0.0.1:${port}/telegram/hook`, secret_token: SECRET, allowed_updates: ['message', 'callback_query'] });
    expect(await get('/healthz')).toBe(200);
    expect(await get('/telegram/hook')).toBe(405);
    expect(await get('/elsewhere')).toBe(404);
  });

  it('says on /healthz that the store and the queue are reachable, and counts updates and sends on /metrics', async () => {
    const health = await fetchText('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok', store: true, queue: true });
    await h.chat(ANNA).say('/start');
    expect(await h.fake.deliver('{}', 'wrong-secret')).toBe(401);
    const m = await fetchText('/metrics');
    expect(m.status).toBe(200);
    expect(m.body).toContain('# TYPE thidua_updates_total counter');
    expect(m.body).toMatch(/^thidua_updates_total\{platform="telegram"\} [1-9]/m);
    expect(m.body).toMatch(/^thidua_sends_total\{kind="reply",platform="telegram"\} [1-9]/m);
    expect(m.body).toMatch(/^thidua_webhook_refusals_total\{status="401"\} [1-9]/m);
    expect(m.body).toMatch(/^thidua_answers_total\{outcome="ok"\} [1-9]/m);
    expect(m.body).toMatch(/^thidua_queue_depth \d+$/m);
    expect(m.body).toContain('thidua_rate_limited_total 0');
  });

  it('refuses a wrong or missing secret with 401 and handles the right one', async () => {
    const mark = h.fake.calls.length;
    const update = h.fake.textUpdate({ chatId: ANNA.id, from: ANNA, text: '/start' });
    expect(await h.fake.deliver(update, 'wrong-secret')).toBe(401);
    expect(await h.fake.deliver(update, '')).toBe(401);
    expect(await h.fake.deliver(update, null)).toBe(401);
    expect(await h.fake.deliver(update)).toBe(200);
    const reply = await h.fake.waitFor(h.sentTo(ANNA.id), { from: mark });
    expect(reply.params.text).toContain('Xin chào');
    expect(h.fake.calls.slice(mark).filter(h.sentTo(ANNA.id))).toHaveLength(1);
  });

  it('handles a redelivered update once', async () => {
    const an = h.chat(ANNA);
    const mark = h.fake.calls.length;
    const update = h.fake.textUpdate({ chatId: ANNA.id, from: ANNA, text: '/trogiup' });
    const statuses = await Promise.all([h.fake.deliver(update), h.fake.deliver(update), h.fake.deliver(update)]);
    expect(statuses).toEqual([200, 200, 200]);
    await h.fake.waitFor(h.sentTo(ANNA.id), { from: mark });
    await h.fake.deliver(update);
    const [after] = await an.say('/start'); // handled after the duplicates, in order
    expect(after.text).toContain('Xin chào');
    const texts = h.fake.calls.slice(mark).filter(h.sentTo(ANNA.id)).map((c) => String(c.params.text));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Các lệnh');
  });

  it('answers 200 to malformed JSON and unknown update types, and keeps working', async () => {
    const mark = h.fake.calls.length;
    expect(await h.fake.deliver('{"update_id": 1, "message": {')).toBe(200);
    expect(await h.fake.deliver('[1, 2, 3]')).toBe(200);
    expect(await h.fake.deliver({ update_id: 77, chat_join_request: { chat: { id: -1 } } })).toBe(200);
    expect(await h.fake.deliver({ update_id: 78, message: { text: '/start' } })).toBe(200);
    const [hello] = await h.chat(ANNA).say('/start');
    expect(hello.text).toContain('Xin chào');
    expect(h.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('on stop, closes the endpoint but finishes the updates already accepted', async () => {
    const mark = h.fake.calls.length;
    const updates = [701, 702, 703].map((id) => h.fake.textUpdate({ chatId: id, from: { id, first_name: 'X' }, text: '/trogiup' }));
    expect(await Promise.all(updates.map((u) => h.fake.deliver(u)))).toEqual([200, 200, 200]);
    await h.adapter.stop();
    expect(h.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.status === 200)).toHaveLength(3);
    await expect(h.fake.deliver(updates[0])).rejects.toThrow();
  });

  it('walks a button press through the webhook', async () => {
    const an = h.chat(ANNA);
    const [ask] = await an.say('/ngonngu');
    const en = ask.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text === 'English');
    const mark = h.fake.calls.length;
    const press = await an.press(ask, en.callback_data);
    const reply = await h.fake.waitFor(h.sentTo(ANNA.id), { from: mark });
    expect(reply.params.text).toBe('Language set to English.');
    expect(h.fake.answered(press.callback_query.id)).toBe(true);
  });

  it('answers 413 to a body over 1 MB, by its length or as it streams, and keeps working', async () => {
    expect(await h.fake.deliver(JSON.stringify({ update_id: 5, pad: 'x'.repeat(2 * 1024 * 1024) }))).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/telegram/hook', method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 40; i++) req.write('x'.repeat(64 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
    const [hello] = await h.chat(ANNA).say('/start');
    expect(hello.text).toContain('Xin chào');
  });

  it('answers 429 to an IP that keeps sending wrong secrets, and still serves requests with the right one', async () => {
    const update = () => h.fake.textUpdate({ chatId: ANNA.id, from: ANNA, text: '/trogiup' });
    for (let i = 0; i < 20; i++) expect(await h.fake.deliver(update(), 'wrong-secret')).toBe(401);
    expect(await h.fake.deliver(update(), 'wrong-secret')).toBe(429);
    const [help] = await h.chat(ANNA).say('/trogiup');
    expect(help.text).toContain('Các lệnh');
  });
});
