import type { Ctx, Module, Services } from '../bot/context.js';
import type { Msg } from '../text/i18n.js';
import { ROLE_SHORT } from '../bot/names.js';
import { personKey, type Invite, type Person } from '../bot/people.js';
import type { Reply, Role } from '../bot/types.js';
import { roleFrom } from './onboarding.js';

/**
 * Trying the bot from one terminal. When nobody has joined yet and only the console runs, a
 * newcomer gets a demo unit and two invites (officer, head); the same invites are shown again on
 * the next start until they are used or expire. In a demo store (everyone in it bound to the
 * demo unit) the console user switches role with /vai, so every flow can be tried alone.
 */
export async function demoBanner(services: Services, web?: string): Promise<string | undefined> {
  const { people, units, now, store } = services;
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
    ` Chưa có ai tham gia. Đơn vị thử nghiệm: ${demo.name.vi} (mã ${demo.id})`,
    ` • Cán bộ đầu mối: gõ /thamgia ${officer.code}`,
    ` • Thủ trưởng đơn vị (để duyệt): /thamgia ${head.code}`,
    ' Sau đó: /trogiup xem các lệnh · /dangky đăng ký thi đua · /hoi <câu hỏi>',
    ' Đổi vai để thử mọi việc: /vai can-bo | thu-truong | cum-truong | quan-tri',
    ...(web ? [` Bảng theo dõi trên trình duyệt (${web}): gõ /web để nhận liên kết đăng nhập / web dashboard: type /web for a sign-in link`] : []),
    ' English: /lang en — join with the codes above; switch role with /vai officer | head | cluster-head | admin',
    ' Ctrl+D để thoát / to quit',
    '──────────────────────────────────────────────',
  ].join('\n');
}

const M = {
  description: { vi: 'dùng thử: đổi vai trò (can-bo, thu-truong, cum-truong, quan-tri)', en: 'demo: switch role (officer, head, cluster-head, admin)' },
  consoleOnly: { vi: 'Lệnh /vai chỉ dùng trong chế độ dùng thử trên terminal.', en: '/role only works in the terminal demo.' },
  realPeople: {
    vi: 'Kho dữ liệu này đã có người dùng của đơn vị thật nên không đổi vai được. Vai trò do mã mời quyết định (thidua invite --unit … --role …).',
    en: 'This store has users of real units, so roles cannot be switched. A role comes with an invite (thidua invite --unit … --role …).',
  },
  noDemo: { vi: 'Không có đơn vị thử nghiệm trong data/units.yaml.', en: 'There is no demo unit in data/units.yaml.' },
  usage: {
    vi: 'Gõ /vai VAI-TRÒ: can-bo (cán bộ đầu mối), thu-truong (thủ trưởng), cum-truong (cụm trưởng), quan-tri (quản trị). Hiện tại: {role}.',
    en: 'Type /role ROLE: officer, head, cluster-head, admin. Now: {role}.',
  },
  none: { vi: 'chưa tham gia', en: 'not joined' },
  switched: { vi: '🎭 Chế độ dùng thử: bạn đang là {role} của {unit}.\nThử: {hints}', en: '🎭 Demo: you are now {role} of {unit}.\nTry: {hints}' },
} satisfies Record<string, Msg>;

const HINTS: Record<Role, Msg> = {
  officer: { vi: '/dangky — đăng ký thi đua; /dangky xem; /xuat — bản in DOCX; /hanchot', en: '/register — the registration; /register view; /export — the printable DOCX; /deadlines' },
  head: { vi: '/dangky xem — xem và duyệt; /dangky lichsu; /xuat', en: '/register view — review and approve; /register history; /export' },
  'cluster-head': { vi: '/tiendo — tiến độ đăng ký của cụm; /xuat — bảng Excel; /dangky xem', en: '/progress — the cluster’s registration progress; /export — the workbook; /register view' },
  admin: { vi: '/tiendo; /xuat — bảng Excel; /moi — tạo mã mời; /cauhoi; /thongbao', en: '/progress; /export — the workbook; /invite; /questions; /announce' },
};

/** The store is a demo store when nobody in it is bound to a real unit. */
async function demoStore(ctx: Ctx): Promise<boolean> {
  const { people, units } = ctx.services;
  return (await people.list()).every((p) => units.get(p.unitId)?.demo);
}

export function demoModule(): Module {
  return {
    name: 'demo',
    commands: [
      {
        names: ['vai', 'role'],
        description: M.description,
        personal: true,
        visible: (ctx) => ctx.in.platform === 'console' && !!ctx.services.units.get(ctx.person?.unitId ?? '')?.demo,
        async run(ctx): Promise<Reply[]> {
          const { units, people, now } = ctx.services;
          if (ctx.in.platform !== 'console') return [{ text: ctx.t(M.consoleOnly) }];
          const demo = ctx.person && units.get(ctx.person.unitId)?.demo ? units.get(ctx.person.unitId)! : units.all().find((u) => u.demo);
          if (!demo) return [{ text: ctx.t(M.noDemo) }];
          if (!(await demoStore(ctx))) return [{ text: ctx.t(M.realPeople) }];
          const role = roleFrom(ctx.in.args);
          if (!role) return [{ text: ctx.t(M.usage, { role: ctx.person ? ctx.t(ROLE_SHORT[ctx.person.role]) : ctx.t(M.none) }) }];
          const person: Person = {
            ...(ctx.person ?? { platform: 'console', userId: ctx.in.userId, chatId: ctx.in.chatId, name: ctx.in.userName, muted: false, joinedAt: now().toISOString() }),
            unitId: demo.id,
            role,
            ...(ctx.person?.locale ? {} : { locale: ctx.locale }),
          };
          await people.save(person);
          await ctx.services.audit(personKey(person.platform, person.userId), 'demo-role', { role });
          const next = { ...ctx, person };
          return [
            { text: ctx.t(M.switched, { role: ctx.t(ROLE_SHORT[role]), unit: units.name(demo.id, ctx.locale), hints: ctx.t(HINTS[role]) }), personal: true },
            ...(await ctx.runtime.joined(next)),
          ];
        },
      },
    ],
  };
}
