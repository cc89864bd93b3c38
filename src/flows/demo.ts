import type { App } from '../app.js';

/**
 * When nobody has joined yet and only the console runs, a newcomer gets a demo unit and two
 * invites, so the bot can be tried at once.
 */
export async function demoBanner(app: App): Promise<string | undefined> {
  const { people, units, now } = app.services;
  if ((await people.list()).length > 0) return undefined;
  const demo = units.all().find((u) => u.demo);
  if (!demo) return undefined;
  const officer = await people.createInvite(demo.id, 'officer', { now: now(), ttlHours: 24 * 7, createdBy: 'demo' });
  const head = await people.createInvite(demo.id, 'head', { now: now(), ttlHours: 24 * 7, createdBy: 'demo' });
  return [
    '──────────────────────────────────────────────',
    ' thidua-bot — chế độ dùng thử trên terminal',
    ` Chưa có ai tham gia. Đơn vị thử nghiệm: ${demo.name.vi}`,
    ` • Cán bộ đầu mối: gõ /thamgia ${officer.code}`,
    ` • Thủ trưởng đơn vị (để duyệt): /thamgia ${head.code}`,
    ' Sau đó: /trogiup xem các lệnh · /dangky đăng ký thi đua · /hoi <câu hỏi>',
    ' (English: /lang en) — Ctrl+D để thoát',
    '──────────────────────────────────────────────',
  ].join('\n');
}
