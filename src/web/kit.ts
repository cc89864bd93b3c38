import type { Services } from '../bot/context.js';
import { WebLinks } from '../bot/weblinks.js';
import type { Locale } from '../bot/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { Questions } from '../flows/ask/questions.js';
import { createKit, type RegisterKit } from '../flows/register/kit.js';
import { Reminders } from '../flows/reminders/scheduler.js';
import { createReviewKit, type ReviewKit } from '../flows/review/kit.js';
import { tr, type Msg } from '../text/i18n.js';
import { Sessions, type Viewer } from './auth.js';

/** What every page of the dashboard reads from: the same services, knowledge base and kits as the chat modules. */
export interface WebKit {
  services: Services;
  knowledge: Knowledge;
  register: RegisterKit;
  review: ReviewKit;
  reminders: Reminders;
  questions: Questions;
  sessions: Sessions;
  links: WebLinks;
}

export function createWebKit(services: Services, knowledge: Knowledge): WebKit {
  return {
    services,
    knowledge,
    register: createKit(services),
    review: createReviewKit(services),
    reminders: Reminders.load(services),
    questions: new Questions(services.store),
    sessions: new Sessions(services),
    links: new WebLinks(services.store),
  };
}

/** One request of a signed-in viewer: who, in which language, the CSRF token of their forms. */
export interface PageCtx {
  kit: WebKit;
  viewer: Viewer;
  locale: Locale;
  url: URL;
  nonce: string;
  now: Date;
  t(msg: Msg, params?: Record<string, string | number>): string;
}

export function pageCtx(kit: WebKit, viewer: Viewer, locale: Locale, url: URL, nonce: string): PageCtx {
  return { kit, viewer, locale, url, nonce, now: kit.services.now(), t: (msg, params) => tr(locale, msg, params) };
}
