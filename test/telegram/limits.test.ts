import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testApp } from '../helpers/app.js';
import { telegramHarness } from './setup.js';

/** Invite codes cannot be guessed at will: a few tries per person, counted in the store. */
const MALLORY = { id: 811, first_name: 'Mallory' };
const store = `sqlite://${join(tempDir(), 'limits.sqlite')}`;

type H = Awaited<ReturnType<typeof telegramHarness>>;
let h: H;
beforeAll(async () => {
  h = await telegramHarness({ env: { STORE_URL: store } });
});
afterAll(async () => {
  await h.close();
});

describe('invite attempts on Telegram', () => {
  it('refuses a sixth code within 15 minutes, even a valid one, says when to retry, and every process sees the count', async () => {
    const mallory = h.chat(MALLORY);
    for (const code of ['AAAA2222', 'BBBB3333', 'CCCC4444', 'DDDD5555', 'EEEE6666']) expect((await mallory.say(`/thamgia ${code}`))[0].text).toContain('không đúng');
    const inv = await h.app.services.people.createInvite('cuc-btp', 'head', { now: h.app.services.now() });
    const [refused] = await mallory.say(`/thamgia ${inv.code}`);
    expect(refused.text).toMatch(/thử mã mời quá nhiều lần.*sau \d+ phút/s);
    expect(await h.app.services.people.get('telegram', String(MALLORY.id))).toBeUndefined();

    // Another process on the same store counts the same tries.
    const other = await testApp({ env: { STORE_URL: store }, now: h.clk.now });
    const [elsewhere] = await other.runtime.handle({ platform: 'telegram', chatId: String(MALLORY.id), userId: String(MALLORY.id), chatType: 'private', text: `/start ${inv.code}` });
    expect(elsewhere.text).toContain('quá nhiều lần');
    await other.close();

    h.clk.advance(15 * 60_000);
    expect((await mallory.say(`/thamgia ${inv.code}`))[0].text).toContain('✅');
  });
});
