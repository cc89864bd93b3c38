import { webBaseUrl } from '../config.js';
import type { Module } from '../bot/context.js';
import { personKey } from '../bot/people.js';
import { rateLimit, RULES } from '../bot/rate-limit.js';
import { LINK_TTL_MS, signInUrl, WebLinks } from '../bot/weblinks.js';
import { formatLocal } from '../domain/time.js';
import type { Msg } from '../text/i18n.js';

/** /web: a one-time link that signs the person in to the web dashboard. */
const M = {
  description: { vi: 'mở bảng theo dõi trên trình duyệt (liên kết đăng nhập dùng một lần)', en: 'open the dashboard in a browser (a one-time sign-in link)' },
  link: {
    vi: '🔗 Liên kết đăng nhập bảng theo dõi thi đua:\n{url}\n\nLiên kết chỉ dùng được một lần và hết hạn lúc {expires} ({minutes} phút). Không chuyển tiếp cho người khác: ai mở liên kết sẽ đăng nhập với tư cách của bạn.',
    en: '🔗 Your sign-in link to the emulation dashboard:\n{url}\n\nIt works once and expires at {expires} ({minutes} minutes). Do not forward it: whoever opens it is signed in as you.',
  },
  tooMany: {
    vi: 'Bạn đã xin {max} liên kết trong {window} phút qua. Vui lòng thử lại sau {min} phút.',
    en: 'You have asked for {max} links in the last {window} minutes. Please try again in {min} minutes.',
  },
} satisfies Record<string, Msg>;

export function weblinkModule(): Module {
  return {
    name: 'weblink',
    commands: [
      {
        names: ['web'],
        description: M.description,
        needsPerson: true,
        // A link is a credential: never in a group chat.
        personal: true,
        async run(ctx) {
          const by = personKey(ctx.in.platform, ctx.in.userId);
          const limit = await rateLimit(ctx.services.store, 'weblink', by, ctx.now);
          if (!limit.ok) return [{ text: ctx.t(M.tooMany, { max: RULES.weblink.max, window: RULES.weblink.windowMs / 60_000, min: limit.retryMinutes }) }];
          const { token, expiresAt } = await new WebLinks(ctx.services.store).create({ kind: 'person', person: by }, ctx.now, by);
          const { config } = ctx.services;
          const url = signInUrl(webBaseUrl(config), token);
          return [{ text: ctx.t(M.link, { url, expires: formatLocal(expiresAt, config.TZ_NAME), minutes: LINK_TTL_MS / 60_000 }), personal: true }];
        },
      },
    ],
  };
}
