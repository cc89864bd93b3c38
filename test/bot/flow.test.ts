import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clock, tempDir } from '../helpers/app.js';
import '../helpers/app.js';
import { engine, saved } from '../helpers/runtime.js';

describe('flow engine', () => {
  it('re-prompts an invalid answer with the reason, then completes', async () => {
    const { talk } = await engine();
    const u = talk();
    expect(await u.say('/demo')).toContain('(1/2) Số cán bộ');
    const bad = await u.say('mười hai');
    expect(bad).toContain('không phải là một số');
    expect(bad).toContain('(1/2) Số cán bộ');
    expect(await u.say('0')).toContain('ít nhất 1');
    expect(await u.say('12')).toContain('(2/2) Danh hiệu');
    expect(await u.say('tap the lao dong xuat sac')).toContain('"title":"ttldxs"');
    expect(saved.at(-1)).toEqual({ headcount: 12, title: 'ttldxs' });
  });

  it('goes back one step and cancels', async () => {
    const { talk } = await engine();
    const u = talk();
    await u.say('/demo');
    await u.say('5');
    expect(await u.say('◀ Quay lại')).toContain('(1/2)');
    expect(await u.say('quay lai')).toContain('Đây đã là bước đầu tiên');
    expect(await u.say('/huy')).toContain('Đã hủy "thử nghiệm"');
    expect(await u.say('/huy')).toContain('Không có thao tác nào');
  });

  it('accepts a button of the current step and refuses a stale or forged one', async () => {
    const { talk } = await engine();
    const u = talk();
    await u.say('/demo');
    expect(await u.press('f:title:ttldxs')).toContain('không còn hiệu lực');
    await u.say('7');
    expect(await u.press('f:title:hacked')).toContain('không còn hiệu lực');
    expect(await u.press('f:title:ttldtt')).toContain('"title":"ttldtt"');
  });

  it('expires after inactivity with a friendly note', async () => {
    const c = clock();
    const { talk } = await engine({ now: c.now });
    const u = talk();
    await u.say('/demo');
    c.advance(31 * 60_000);
    const r = await u.say('12');
    expect(r).toContain('đã hết hạn sau 30 phút');
    expect(r).not.toContain('(2/2)');
  });

  it('drops a session saved by another version of its flow with the expired note, even when its state still parses', async () => {
    const dir = tempDir();
    const url = `sqlite://${join(dir, 'version.sqlite')}`;
    const first = await engine({ storeUrl: url });
    await first.talk().say('/demo');
    expect(await first.talk().say('21')).toContain('(2/2)');
    await first.store.close();

    // An upgrade changes what the demo flow's steps mean; its state schema is unchanged.
    const second = await engine({ storeUrl: url, demoVersion: 2 });
    const r = await second.talk().say('ttldxs');
    expect(r).toContain('Phiên "thử nghiệm" đã hết hạn');
    expect(r).not.toContain('"headcount":21');
    expect(await second.talk().say('/demo')).toContain('(1/2) Số cán bộ');
    await second.store.close();
  });

  it('handles two inputs of one conversation strictly in order', async () => {
    const { talk } = await engine();
    const u = talk();
    await u.say('/demo');
    // The first input is slow; the second must still be applied after it.
    const [a, b] = await Promise.all([u.say('slow'), u.say('9')]);
    expect(a).toContain('không phải là một số');
    expect(b).toContain('(2/2)');
  });

  it('continues at the same step after the process restarts (real SQLite file)', async () => {
    const dir = tempDir();
    const url = `sqlite://${join(dir, 'flow.sqlite')}`;
    const first = await engine({ storeUrl: url });
    await first.talk().say('/demo');
    expect(await first.talk().say('21')).toContain('(2/2)');
    await first.store.close();

    const second = await engine({ storeUrl: url });
    expect(await second.talk().say('2')).toContain('"headcount":21');
    await second.store.close();
  });
});
