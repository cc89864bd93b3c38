import { describe, expect, it } from 'vitest';
import { reminderApp } from './helpers.js';

describe('/thongbao announcements', () => {
  it('admin: text → audience → confirmation with the count → sent once to each → report', async () => {
    const t = await reminderApp({ start: '2026-12-08 20:00' }); // out of office hours: announcements still go now
    const ad = await t.join('ad', 'vu-tccb', 'admin');
    await t.join('a', 'cuc-btp');
    await t.join('b', 'cuc-hctp');
    await t.join('ch', 'cuc-qlthads', 'cluster-head');
    expect(await ad.say('/thongbao')).toContain('Nhập nội dung');
    const audience = await ad.send('Hạn gửi hồ sơ khen thưởng là 22/12, đề nghị các đơn vị chú ý.');
    expect(audience[0].choices?.[0]).toEqual({ label: 'Tất cả đơn vị', value: 'f:aud:all' });
    const confirm = await ad.press('f:aud:all');
    expect(confirm[0].text).toContain('3 người nhận (3 đơn vị)');
    expect((await ad.press('f:send'))[0].text).toContain('Đang gửi tới 3');
    await t.app.services.background.idle();
    for (const id of ['a', 'b', 'ch']) {
      const got = t.sent.filter(t.to(id));
      expect(got).toHaveLength(1);
      expect(got[0].reply.text).toContain('📢 Thông báo từ');
      expect(got[0].reply.text).toContain('Hạn gửi hồ sơ khen thưởng là 22/12');
    }
    const report = t.sent.filter(t.to('ad'));
    expect(report).toHaveLength(1);
    expect(report[0].reply.text).toContain('Đã gửi: 3/3');
    // A later tick (or a restart) sends nothing again.
    await t.reminders.tick(t.clock.now());
    expect(t.sent).toHaveLength(4);
  });

  it('cluster heads reach only their cluster; officers cannot announce', async () => {
    const t = await reminderApp();
    const ch = await t.join('ch', 'cuc-qlthads', 'cluster-head');
    const o = await t.join('o', 'cuc-btp');
    await t.join('x', 'vu-tccb');
    await t.join('y', 'cuc-hctp');
    expect(await o.say('/thongbao')).toContain('Chỉ quản trị viên và cụm trưởng');
    await ch.say('/announce');
    const aud = await ch.send('Nộp báo cáo tổng kết Cụm trước 15/01.');
    expect(aud[0].choices?.map((c) => c.value)).toEqual(['f:aud:cum-3']);
    expect((await ch.press('f:aud:all'))[0].text).toContain('chọn một nút');
    expect((await ch.say('1'))).toContain('2 người nhận');
    expect(await ch.say('gửi')).toContain('Đang gửi tới 2');
    await t.app.services.background.idle();
    expect(t.sent.filter(t.to('x'))).toHaveLength(0);
    expect(t.sent.filter(t.to('o'))).toHaveLength(1);
  });

  it('reports failures once the retries are exhausted', async () => {
    const t = await reminderApp({ fail: (chat) => chat === 'chat-b' });
    const ad = await t.join('ad', 'vu-tccb', 'admin');
    await t.join('a', 'cuc-btp');
    await t.join('b', 'cuc-hctp');
    await ad.say('/thongbao');
    await ad.say('Thông báo thử');
    await ad.press('f:aud:all');
    await ad.press('f:send');
    await t.app.services.background.idle();
    expect(t.sent.filter(t.to('ad'))).toHaveLength(0); // b will be retried: no report yet
    await t.tickAt('2026-12-01 09:06');
    await t.tickAt('2026-12-01 09:17');
    const report = t.sent.filter(t.to('ad'));
    expect(report).toHaveLength(1);
    expect(report[0].reply.text).toContain('Đã gửi: 1/2');
    expect(report[0].reply.text).toContain('Lỗi: 1');
    expect(t.sent.filter(t.to('a'))).toHaveLength(1);
  });
});
