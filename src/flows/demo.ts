import type { App } from '../app.js';
import type { Invite } from '../bot/people.js';
import type { Role } from '../bot/types.js';

/**
 * When nobody has joined yet and only the console runs, a newcomer gets a demo unit and two
 * invites (officer, head), so the bot can be tried at once. The same invites are shown again
 * on the next start until they are used or expire.
 */
export async function demoBanner(app: App): Promise<string | undefined> {
  const { people, units, now, store } = app.services;
  if ((await people.list()).length > 0) return undefined;
  const demo = units.all().find((u) => u.demo);
  if (!demo) return undefined;
  const meta = store.ns('meta');
  const invite = async (role: Role): Promise<Invite> => {
    const code: unknown = await meta.get(`demo-invite:${role}`);
    const existing = typeof code === 'string' ? await people.invites.get(code).catch(() => undefined) : undefined;
    if (existing && !existing.usedAt && new Date(existing.expiresAt) > now()) return existing;
    const made = await people.createInvite(demo.id, role, { now: now(), ttlHours: 24 * 7, createdBy: 'demo' });
    await meta.set(`demo-invite:${role}`, made.code);
    return made;
  };
  const officer = await invite('officer');
  const head = await invite('head');
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
