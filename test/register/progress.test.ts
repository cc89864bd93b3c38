import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { clock, joined, testApp } from '../helpers/app.js';
import { GOOD, recordConsole } from './helpers.js';

describe('/tiendo', () => {
  let app: App;
  afterEach(async () => app?.close());

  it('shows each unit of the cluster as approved / submitted / draft / missing with totals per title', async () => {
    app = await testApp({ now: clock('2026-02-10T03:00:00Z').now });
    recordConsole(app);
    const a = await joined(app, 'oA', 'cuc-btp', 'officer');
    for (const x of ['/dangky', ...GOOD, 'gửi']) await a.say(x);
    await (await joined(app, 'hA', 'cuc-btp', 'head')).press('reg:approve:cuc-btp:2026:1');
    const b = await joined(app, 'oB', 'vu-htqt', 'officer');
    for (const x of ['/dangky', 'TTLĐTT', '10', '8', '1', '0', '0', 'Hội nghị; hội nghị; 2', '-', '-', 'gửi']) await b.say(x);
    const c = await joined(app, 'oC', 'cuc-hctp', 'officer');
    for (const x of ['/dangky', ...GOOD, 'lưu']) await c.say(x);

    const head = await joined(app, 'ch', 'cuc-btp', 'cluster-head');
    const t = await head.say('/tiendo');
    expect(t).toContain('Tiến độ đăng ký thi đua năm 2026 — 6 đơn vị');
    expect(t).toContain('Đã duyệt: 1 · Chờ duyệt: 1 · Trả lại: 0 · Bản nháp: 1 · Chưa đăng ký: 3');
    expect(t).toContain('✅ Cục Bổ trợ tư pháp — đã duyệt (10/02/2026) · TTLĐXS · 20 người · LĐTT 16, CSTĐCS 2, CSTĐ cấp Bộ 0, CSTĐTQ 0');
    expect(t).toContain('📨 Vụ Hợp tác quốc tế — đã gửi, chờ duyệt');
    expect(t).toContain('📝 Cục Hành chính tư pháp — bản nháp');
    expect(t).toContain('⏳ Cục Quản lý Thi hành án dân sự — chưa đăng ký');
    expect(t).toContain('Tập thể: TTLĐXS 1, TTLĐTT 1');
    expect(t).toContain('Cá nhân: LĐTT 24, CSTĐCS 3');
    expect(t).not.toContain('Vụ Tổ chức cán bộ');

    const admin = await joined(app, 'ad', 'vu-tccb', 'admin');
    expect(await admin.say('/progress 2026')).toContain('7 đơn vị');
    expect(await a.say('/tiendo')).toContain('Chỉ cụm trưởng và quản trị');
  });
});
