import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { People } from '../../src/bot/people.js';
import { openStore } from '../../src/bot/store.js';
import { Units } from '../../src/domain/units.js';
import { Registrations } from '../../src/flows/register/records.js';
import { tempDir } from '../helpers/app.js';
import { life, receiver } from '../helpers/crash.js';
import { dataDir } from './helpers.js';

const NOW = '2026-02-10T03:00:00Z';

describe('notices that follow a state change survive kill -9 (child processes, one SQLite file)', () => {
  let rx: Awaited<ReturnType<typeof receiver>>;
  afterAll(() => rx?.close());

  it('after a kill right after submitting, then right after approving, each restart delivers every notice exactly once', async () => {
    const storeUrl = `sqlite://${join(tempDir('thidua-notice-'), 'bot.sqlite')}`;
    const data = dataDir();
    const seed = await openStore(storeUrl);
    const people = new People(seed, Units.load(join(data, 'units.yaml')));
    for (const [id, role, name] of [['oA', 'officer', 'Nguyễn Văn An'], ['hA', 'head', 'Trần Thị Hà']] as const)
      await people.save({ platform: 'console', userId: id, chatId: `chat-${id}`, name, unitId: 'cuc-btp', role, muted: false, joinedAt: NOW });
    await seed.close();
    rx = await receiver();
    const run = (step: string) => life(join('test', 'register', 'fixtures', 'notice-child.ts'), [storeUrl, data, rx.url, NOW, step]);
    const to = rx.to;
    const status = async () => {
      const s = await openStore(storeUrl);
      const reg = await new Registrations(s).get('cuc-btp', 2026);
      await s.close();
      return reg && { status: reg.status, version: reg.version };
    };

    // Killed right after the registration was stored as submitted: nobody has been told yet.
    expect((await run('submit')).signal).toBe('SIGKILL');
    expect(await status()).toEqual({ status: 'submitted', version: 1 });
    expect(to('chat-hA', 'đã gửi đăng ký')).toHaveLength(0);
    const restarted = await run('restart');
    expect(restarted.code, restarted.out).toBe(0);
    expect(to('chat-hA', 'Nguyễn Văn An đã gửi đăng ký thi đua năm 2026 của Cục Bổ trợ tư pháp')).toHaveLength(1);
    expect(to('chat-oA', '✅ Đã gửi đăng ký thi đua năm 2026 của Cục Bổ trợ tư pháp (phiên bản 1)')).toHaveLength(1);

    // Killed right after the approval was stored: the officer's notice and the head's confirmation follow the restart.
    expect((await run('approve')).signal).toBe('SIGKILL');
    expect(await status()).toEqual({ status: 'approved', version: 2 });
    expect((await run('restart')).code).toBe(0);
    expect(to('chat-oA', 'đã được Trần Thị Hà duyệt')).toHaveLength(1);
    expect(to('chat-hA', '✅ Đã duyệt đăng ký thi đua năm 2026 của Cục Bổ trợ tư pháp (phiên bản 2)')).toHaveLength(1);

    // Another restart sends nothing again.
    const before = rx.got.length;
    expect((await run('restart')).code).toBe(0);
    expect(rx.got.slice(before).filter((m) => /đăng ký thi đua|duyệt/.test(m.text))).toEqual([]);
  }, 120_000);
});
