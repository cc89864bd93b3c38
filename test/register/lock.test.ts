import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { lockOf } from '../../src/domain/dates.js';
import { deadlineDue } from '../../src/domain/calendar.js';
import { Registrations } from '../../src/flows/register/records.js';
import { parseCalendar } from '../../src/domain/calendar.js';
import { clock, joined, testApp } from '../helpers/app.js';
import { dataDir, GOOD, recordConsole } from './helpers.js';

const CALENDAR = `
deadlines:
  - id: 2026-dang-ky
    year: 2026
    title: { vi: Đăng ký thi đua năm 2026, en: 2026 registration }
    due: 2026-03-31
    completion: registration
`;

describe('lock after the registration deadline', () => {
  let app: App;
  afterEach(async () => app?.close());

  it('computes the deadline in TZ_NAME (17:00 local when no time is given)', () => {
    expect(deadlineDue({ due: '2026-03-31' }, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-03-31T10:00:00.000Z');
    const cal = parseCalendar(CALENDAR);
    expect(lockOf(cal, 2026, new Date('2026-03-31T09:59:00Z'), 'Asia/Ho_Chi_Minh').locked).toBe(false);
    expect(lockOf(cal, 2026, new Date('2026-03-31T10:01:00Z'), 'Asia/Ho_Chi_Minh').locked).toBe(true);
    expect(lockOf(cal, 2027, new Date('2030-01-01T00:00:00Z'), 'Asia/Ho_Chi_Minh').locked).toBe(false);
    expect(lockOf(undefined, 2026, new Date('2030-01-01T00:00:00Z'), 'Asia/Ho_Chi_Minh').locked).toBe(false);
  });

  it('after the deadline a change is an amendment that needs a reason, kept in the history', async () => {
    const c = clock('2026-03-01T03:00:00Z');
    app = await testApp({ now: c.now, env: { DATA_DIR: dataDir(CALENDAR) } });
    recordConsole(app);
    const regs = new Registrations(app.services.store);
    const officer = await joined(app, 'oA', 'cuc-btp', 'officer');
    for (const a of ['/dangky', ...GOOD]) await officer.say(a);
    expect(await officer.say('gửi')).toContain('Đã gửi đăng ký');
    expect(await officer.say('/dangky xem')).toContain('Hạn đăng ký: 31/03/2026 17:00.');

    c.set('2026-04-02T03:00:00Z');
    const start = await officer.say('/dangky');
    expect(start).toContain('🔒 Đã qua hạn đăng ký năm 2026 (31/03/2026 17:00)');
    await officer.press('f:collective:=');
    await officer.say('22');
    for (const f of ['n-ldtt', 'n-cstdcs', 'n-cstd-bo', 'n-cstd-toan-quoc', 'targets']) await officer.press(`f:${f}:=`);
    await officer.press('f:movements:-');
    const [review] = await officer.press('f:notes:-');
    expect(review.choices?.map((x) => x.label)).toEqual(['📨 Gửi điều chỉnh', '✏️ Sửa một mục', 'Hủy']);
    expect((await officer.press('f:do:save'))[0].text).toContain('không lưu nháp được');
    expect(await officer.say('gửi')).toContain('Nhập lý do điều chỉnh');
    expect(await officer.say('Tiếp nhận thêm 2 biên chế từ tháng 4')).toContain('Đã gửi điều chỉnh đăng ký năm 2026 (phiên bản 2)');
    const r = await regs.get('cuc-btp', 2026);
    expect(r).toMatchObject({ status: 'submitted', headcount: 22, version: 2 });
    expect(r?.history.at(-1)).toMatchObject({ action: 'amend', reason: 'Tiếp nhận thêm 2 biên chế từ tháng 4', changes: ['headcount: 20 → 22'] });
    expect(await officer.say('/dangky lichsu')).toContain('Điều chỉnh sau hạn (lý do: Tiếp nhận thêm 2 biên chế từ tháng 4): Tổng số cán bộ: 20 → 22');
    expect(await regs.isSubmitted('cuc-btp', 2026)).toBe(true);
  });
});
