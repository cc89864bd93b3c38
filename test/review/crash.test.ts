import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { People } from '../../src/bot/people.js';
import { openStore } from '../../src/bot/store.js';
import { Units } from '../../src/domain/units.js';
import { ReviewRecords } from '../../src/flows/review/records.js';
import { tempDir } from '../helpers/app.js';
import { life, receiver } from '../helpers/crash.js';
import { pdfFile } from './helpers.js';

const NOW = '2027-01-10T02:00:00Z';

describe("the self-assessment's notices survive kill -9 (child processes, one SQLite file)", () => {
  let rx: Awaited<ReturnType<typeof receiver>>;
  afterAll(() => rx?.close());

  it('killed right after sending, then right after approving: each restart tells the head, then the officer, exactly once', async () => {
    const storeUrl = `sqlite://${join(tempDir('thidua-sa-notice-'), 'bot.sqlite')}`;
    const seed = await openStore(storeUrl);
    const people = new People(seed, Units.load(join('data', 'units.yaml')));
    for (const [id, role, name] of [['o1', 'officer', 'Lê Văn Bình'], ['h1', 'head', 'Phạm Thu Hằng']] as const)
      await people.save({ platform: 'console', userId: id, chatId: `chat-${id}`, name, unitId: 'cuc-hctp', role, muted: false, joinedAt: NOW });
    await seed.close();
    rx = await receiver();
    const report = pdfFile();
    const run = (step: string) => life(join('test', 'review', 'fixtures', 'notice-child.ts'), [storeUrl, rx.url, NOW, report, step]);
    const status = async () => {
      const s = await openStore(storeUrl);
      const sa = await new ReviewRecords(s).getSa(2026, 'cuc-hctp');
      await s.close();
      return sa && { status: sa.status, version: sa.version };
    };

    // Killed right after the self-assessment was stored as sent: the head has not been told yet.
    const sent = await run('submit');
    expect(sent.signal, sent.out).toBe('SIGKILL');
    expect(await status()).toEqual({ status: 'submitted', version: 1 });
    expect(rx.to('chat-h1', 'đã gửi bản tự đánh giá')).toHaveLength(0);
    expect((await run('restart')).code).toBe(0);
    expect(rx.to('chat-h1', '📨 Lê Văn Bình đã gửi bản tự đánh giá thi đua năm 2026 của Cục Hành chính tư pháp')).toHaveLength(1);

    // Killed right after the approval was stored: the officer hears of it after the restart.
    expect((await run('approve')).signal).toBe('SIGKILL');
    expect(await status()).toEqual({ status: 'approved', version: 2 });
    expect((await run('restart')).code).toBe(0);
    expect(rx.to('chat-o1', '✅ Bản tự đánh giá năm 2026 của Cục Hành chính tư pháp đã được Phạm Thu Hằng duyệt.')).toHaveLength(1);

    // Another restart sends nothing again.
    const before = rx.got.length;
    expect((await run('restart')).code).toBe(0);
    expect(rx.got.slice(before).filter((m) => /tự đánh giá/.test(m.text))).toEqual([]);
  }, 120_000);
});
