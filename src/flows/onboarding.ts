import type { Command, Ctx, Module } from '../bot/context.js';
import { button } from '../bot/buttons.js';
import { argWords } from './shared/args.js';
import { tr, type Msg } from '../text/i18n.js';
import { personKey, type Person } from '../bot/people.js';
import { rateLimit, RULES } from '../bot/rate-limit.js';
import { PLATFORM_NAME } from '../bot/names.js';
import { formatLocal } from '../domain/time.js';
import { truncate } from '../text/truncate.js';
import type { Reply, Role } from '../bot/types.js';
import { key } from '../text/vntext.js';

/** /start, /thamgia, /toi, /trogiup, /ngonngu and the admin's /moi (invite). */
export const ROLE_NAMES: Record<Role, Msg> = {
  officer: { vi: 'cán bộ đầu mối thi đua, khen thưởng', en: 'emulation focal officer' },
  head: { vi: 'thủ trưởng đơn vị', en: 'head of unit' },
  'cluster-head': { vi: 'cụm trưởng', en: 'cluster head' },
  admin: { vi: 'quản trị (Vụ Tổ chức cán bộ)', en: 'administrator (Personnel Department)' },
};

const M = {
  welcomeNew: {
    vi: 'Xin chào! Tôi là trợ lý thi đua, khen thưởng của Bộ Tư pháp. Tôi giúp cán bộ đầu mối:\n• đăng ký chỉ tiêu, danh hiệu thi đua của đơn vị;\n• nhắc các hạn chót trong năm;\n• giải đáp tiêu chuẩn khen thưởng, có trích dẫn văn bản.\n\nĐể bắt đầu, hãy gõ /thamgia MÃ với mã mời do bộ phận thi đua – khen thưởng cấp (ví dụ /thamgia ABCD2345). Bạn vẫn có thể hỏi ngay về tiêu chuẩn thi đua: /hoi <câu hỏi>.',
    en: 'Hello! I am the Ministry of Justice emulation and commendation assistant. I help focal officers:\n• register their unit’s emulation targets and titles;\n• remember the year’s deadlines;\n• understand award criteria, with citations.\n\nTo start, type /join CODE with the invite code from the emulation and commendation office (e.g. /join ABCD2345). You can already ask about award criteria: /ask <question>.',
  },
  welcomeBack: { vi: 'Chào {name}! Bạn là {role} của {unit}. Gõ /trogiup để xem việc tôi có thể làm.', en: 'Welcome back, {name}! You are {role} of {unit}. Type /help to see what I can do.' },
  welcomeBackNoName: { vi: 'Chào bạn! Bạn là {role} của {unit}. Gõ /trogiup để xem việc tôi có thể làm.', en: 'Welcome back! You are {role} of {unit}. Type /help to see what I can do.' },
  joined: {
    vi: '✅ Đã liên kết bạn với {unit} ({cluster}) với vai trò {role}.\nGõ /trogiup để xem các lệnh; /dangky để đăng ký thi đua của đơn vị.',
    en: '✅ You are now linked to {unit} ({cluster}) as {role}.\nType /help for the commands; /register to register your unit’s emulation targets.',
  },
  joinUsage: { vi: 'Gõ /thamgia MÃ, trong đó MÃ là mã mời 8 ký tự (ví dụ /thamgia ABCD2345).', en: 'Type /join CODE, where CODE is the 8-character invite code (e.g. /join ABCD2345).' },
  unknown: { vi: 'Mã mời "{code}" không đúng. Hãy kiểm tra lại (8 ký tự, không phân biệt hoa thường) hoặc xin mã mới.', en: 'The invite code "{code}" is not valid. Check it (8 characters, case-insensitive) or ask for a new one.' },
  expired: { vi: 'Mã mời "{code}" đã hết hạn. Vui lòng xin mã mới từ bộ phận thi đua – khen thưởng.', en: 'The invite code "{code}" has expired. Please ask the emulation and commendation office for a new one.' },
  used: { vi: 'Mã mời "{code}" đã được sử dụng. Mỗi mã chỉ dùng một lần; vui lòng xin mã mới.', en: 'The invite code "{code}" has already been used. Each code works once; please ask for a new one.' },
  tooManyTries: {
    vi: 'Bạn đã thử mã mời quá nhiều lần ({max} lần trong {window} phút). Vui lòng thử lại sau {min} phút, hoặc kiểm tra lại mã với bộ phận thi đua – khen thưởng.',
    en: 'Too many invite code attempts ({max} in {window} minutes). Please try again in {min} minutes, or check the code with the emulation and commendation office.',
  },
  unitGone: { vi: 'Đơn vị của mã mời này không còn trong danh sách. Vui lòng liên hệ quản trị.', en: 'The unit of this invite is no longer listed. Please contact the administrators.' },
  me: { vi: '👤 {name}\nĐơn vị: {unit}\nCụm: {cluster}\nVai trò: {role}\nNgôn ngữ: tiếng Việt\nNhắc hạn: {reminders}\nNền tảng: {platform}', en: '👤 {name}\nUnit: {unit}\nCluster: {cluster}\nRole: {role}\nLanguage: English\nReminders: {reminders}\nPlatform: {platform}' },
  noName: { vi: 'Thông tin của bạn', en: 'Your profile' },
  on: { vi: 'đang bật', en: 'on' },
  off: { vi: 'đang tắt (/batnhac để bật)', en: 'off (/unmute to turn on)' },
  helpTitle: { vi: 'Các lệnh bạn có thể dùng:', en: 'Commands you can use:' },
  helpFlow: { vi: 'Trong khi điền: "◀ Quay lại" để lùi một bước, /huy để hủy. Có thể gõ tiếng Việt có dấu hoặc không dấu.', en: 'While filling in: "◀ Back" to go back one step, /cancel to cancel.' },
  helpJoin: { vi: 'Bạn chưa tham gia đơn vị: gõ /thamgia MÃ với mã mời được cấp.', en: 'You have not joined a unit yet: type /join CODE with your invite code.' },
  langAsk: { vi: 'Chọn ngôn ngữ:', en: 'Choose a language:' },
  langSet: { vi: 'Đã chuyển sang tiếng Việt.', en: 'Language set to English.' },
  inviteUsage: {
    vi: 'Gõ /moi MÃ-ĐƠN-VỊ [vai-trò]. Vai trò: can-bo (cán bộ đầu mối, mặc định), thu-truong (thủ trưởng), cum-truong (cụm trưởng), quan-tri (quản trị). Đơn vị:\n{units}',
    en: 'Type /invite UNIT-ID [role]. Roles: officer (default), head, cluster-head, admin. Units:\n{units}',
  },
  inviteMade: { vi: 'Mã mời cho {unit} ({role}): {code}\nHết hạn: {expires} (giờ {tz}). Người nhận gõ /thamgia {code}.', en: 'Invite for {unit} ({role}): {code}\nExpires: {expires} ({tz} time). The recipient types /join {code}.' },
  notAdmin: { vi: 'Chỉ quản trị viên mới tạo được mã mời.', en: 'Only administrators can create invites.' },
  unknownUnit: { vi: 'Không có đơn vị "{unit}".', en: 'There is no unit "{unit}".' },
} satisfies Record<string, Msg>;

export function personSummary(ctx: Ctx, p: Person) {
  const { units } = ctx.services;
  const unit = units.get(p.unitId);
  return {
    name: p.name?.trim() || '',
    unit: units.name(p.unitId, ctx.locale),
    cluster: unit ? units.name(unit.clusterId, ctx.locale) : '—',
    role: ctx.t(ROLE_NAMES[p.role]),
  };
}

async function join(ctx: Ctx, code: string): Promise<Reply[]> {
  const { people, now, store } = ctx.services;
  const limit = await rateLimit(store, 'invite', personKey(ctx.in.platform, ctx.in.userId), ctx.now);
  if (!limit.ok) return [{ text: ctx.t(M.tooManyTries, { max: RULES.invite.max, window: RULES.invite.windowMs / 60_000, min: limit.retryMinutes }) }];
  const r = await people.join(code, { platform: ctx.in.platform, userId: ctx.in.userId, chatId: ctx.in.chatId, name: ctx.in.userName, locale: ctx.locale }, now());
  const shown = truncate(code.trim().toUpperCase(), 16);
  if (!r.ok) {
    const msg = { unknown: M.unknown, expired: M.expired, used: M.used, 'unit-gone': M.unitGone }[r.reason];
    return [{ text: ctx.t(msg, { code: shown }) }];
  }
  return [{ text: ctx.t(M.joined, personSummary({ ...ctx, person: r.person }, r.person)) }, ...(await ctx.runtime.joined({ ...ctx, person: r.person }))];
}

/** A role typed in Vietnamese or English, with or without diacritics. */
export function roleFrom(text: string | undefined): Role | undefined {
  const k = key(text ?? '').replace(/ /g, '-');
  const names: Record<string, Role> = {
    officer: 'officer', 'can-bo': 'officer', 'can-bo-dau-moi': 'officer', 'dau-moi': 'officer',
    head: 'head', 'thu-truong': 'head', 'thu-truong-don-vi': 'head',
    'cluster-head': 'cluster-head', 'cum-truong': 'cluster-head', cluster: 'cluster-head',
    admin: 'admin', 'quan-tri': 'admin', 'quan-tri-vien': 'admin',
  };
  return names[k];
}

export function onboardingModule(): Module {
  const help: Command = {
    names: ['trogiup', 'help'],
    description: { vi: 'các lệnh và cách dùng', en: 'commands and how to use them' },
    async run(ctx) {
      const role = ctx.person?.role;
      const lines = [ctx.t(M.helpTitle)];
      for (const c of ctx.runtime.commands) {
        if (c.visible ? !c.visible(ctx) : c.roles && (c.roles.length === 0 || !role || !c.roles.includes(role))) continue;
        if (c.needsPerson && !ctx.person) continue;
        const name = ctx.locale === 'en' ? c.names[1] ?? c.names[0] : c.names[0];
        lines.push(`/${name} — ${ctx.t(c.description)}`);
      }
      lines.push('', ctx.t(ctx.person ? M.helpFlow : M.helpJoin));
      return [{ text: lines.join('\n') }];
    },
  };
  return {
    name: 'onboarding',
    commands: [
      {
        names: ['start'],
        description: { vi: 'bắt đầu; /start MÃ để tham gia bằng mã mời', en: 'start; /start CODE to join with an invite' },
        personal: true,
        async run(ctx) {
          const code = ctx.in.args?.trim();
          if (code) return join(ctx, code);
          if (ctx.person) {
            const who = personSummary(ctx, ctx.person);
            return [{ text: ctx.t(who.name ? M.welcomeBack : M.welcomeBackNoName, who) }];
          }
          return [{ text: ctx.t(M.welcomeNew) }];
        },
      },
      {
        names: ['thamgia', 'join'],
        description: { vi: 'tham gia đơn vị bằng mã mời', en: 'join your unit with an invite code' },
        personal: true,
        async run(ctx) {
          const code = ctx.in.args?.trim();
          return code ? join(ctx, code) : [{ text: ctx.t(M.joinUsage) }];
        },
      },
      help,
      {
        names: ['toi', 'me'],
        description: { vi: 'thông tin của bạn: đơn vị, vai trò', en: 'your unit and role' },
        needsPerson: true,
        personal: true,
        async run(ctx) {
          const p = ctx.person!;
          const who = personSummary(ctx, p);
          return [{ text: ctx.t(M.me, { ...who, name: who.name || ctx.t(M.noName), reminders: ctx.t(p.muted ? M.off : M.on), platform: PLATFORM_NAME[p.platform] }), personal: true }];
        },
      },
      {
        names: ['ngonngu', 'lang', 'language'],
        description: { vi: 'đổi ngôn ngữ (Tiếng Việt / English)', en: 'change language (Tiếng Việt / English)' },
        async run(ctx) {
          const arg = key(ctx.in.args ?? '');
          const locale = ['en', 'english', 'tieng anh'].includes(arg) ? 'en' : ['vi', 'tieng viet', 'vietnamese'].includes(arg) ? 'vi' : undefined;
          if (!locale)
            return [{ text: ctx.t(M.langAsk), choices: [{ label: 'Tiếng Việt', value: button('lang', 'vi') }, { label: 'English', value: button('lang', 'en') }] }];
          await ctx.runtime.setLocale(ctx.in, locale);
          return [{ text: tr(locale, M.langSet) }];
        },
      },
      {
        names: ['moi', 'invite'],
        description: { vi: 'tạo mã mời cho một đơn vị (quản trị)', en: 'create an invite for a unit (admins)' },
        roles: ['admin'],
        needsPerson: true,
        personal: true,
        async run(ctx) {
          if (ctx.person?.role !== 'admin') return [{ text: ctx.t(M.notAdmin) }];
          const [unitId, roleArg] = argWords(ctx);
          const { units, people, now } = ctx.services;
          const list = units.all().map((u) => `• ${u.id} — ${u.name[ctx.locale]}`).join('\n');
          if (!unitId) return [{ text: ctx.t(M.inviteUsage, { units: list }) }];
          if (!units.get(unitId)) return [{ text: ctx.t(M.unknownUnit, { unit: truncate(unitId, 40) }) }];
          const role = roleArg ? roleFrom(roleArg) : 'officer';
          if (!role) return [{ text: ctx.t(M.inviteUsage, { units: list }) }];
          const inv = await people.createInvite(unitId, role, { now: now(), createdBy: personKey(ctx.in.platform, ctx.in.userId) });
          return [{ text: ctx.t(M.inviteMade, { unit: units.name(unitId, ctx.locale), role: ctx.t(ROLE_NAMES[role]), code: inv.code, expires: formatLocal(inv.expiresAt, ctx.services.config.TZ_NAME), tz: ctx.services.config.TZ_NAME }), personal: true }];
        },
      },
    ],
    actions: [
      {
        prefix: 'lang',
        async run(ctx, [lang]) {
          const locale = lang === 'en' ? 'en' : lang === 'vi' ? 'vi' : undefined;
          if (!locale) return [{ text: ctx.t(M.langAsk), choices: [{ label: 'Tiếng Việt', value: button('lang', 'vi') }, { label: 'English', value: button('lang', 'en') }] }];
          await ctx.runtime.setLocale(ctx.in, locale);
          return [{ text: tr(locale, M.langSet) }];
        },
      },
    ],
  };
}

