import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/app.js';
import { mount } from '../../src/bot/adapters/http.js';
import { Questions, type Question } from '../../src/flows/ask/questions.js';
import type { Registration, RegistrationStatus } from '../../src/flows/register/records.js';
import { Registrations } from '../../src/flows/register/records.js';
import { Units } from '../../src/domain/units.js';
import { signInUrl, WebLinks, type WebSubject } from '../../src/bot/weblinks.js';
import { webDashboard, WEB_PATH } from '../../src/web/index.js';
import { clock } from './app.js';
import { recordConsole } from './data.js';

/**
 * The web dashboard on a real HTTP server (port 0) over an app on memory, with a controllable clock
 * and the console's deliveries recorded (what an asker receives). `units`: a units.yaml text instead
 * of data/units.yaml (e.g. a unit whose name holds markup).
 */
export async function webApp(opts: { start?: string; env?: Record<string, string>; units?: string } = {}) {
  const c = clock(opts.start ?? '2026-12-01T02:00:00Z');
  const config = loadConfig({ STORE_URL: 'memory://', LOG_LEVEL: 'silent', ...opts.env });
  const app: App = await createApp(config, { now: c.now, units: opts.units ? new Units(opts.units) : undefined });
  const sent = recordConsole(app);
  const m = await mount(0, WEB_PATH, webDashboard(app.services, app.knowledge), '127.0.0.1');
  const base = `http://127.0.0.1:${m.port}`;
  return {
    app,
    clock: c,
    sent,
    base,
    async link(subject: WebSubject): Promise<string> {
      const { token } = await new WebLinks(app.store).create(subject, c.now(), 'test');
      return signInUrl(base, token);
    },
    async close() {
      await m.close();
      await app.close();
    },
  };
}

export const unitsYaml = () => readFileSync('data/units.yaml', 'utf8');

/** A registration of `unitId` for `year` in the given status, saved as the flows would keep it. */
export async function saveRegistration(app: App, unitId: string, year: number, status: RegistrationStatus, extra: Partial<Registration> = {}): Promise<void> {
  const at = app.services.now().toISOString();
  const reg: Registration = {
    unitId,
    year,
    status,
    collectiveTitle: 'ttldxs',
    headcount: 20,
    individual: { ldtt: 16, cstdcs: 2 },
    targets: [{ content: 'Hoàn thành 100% nhiệm vụ được giao', unit: '%', value: 100 }],
    movements: [],
    version: 1,
    updatedAt: at,
    updatedBy: 'console:x',
    ...(status === 'draft' ? {} : { submittedAt: at }),
    history: [{ version: 1, at, by: 'console:x', name: 'Nguyễn Văn A', action: status === 'draft' ? 'save' : 'submit', changes: [] }],
    ...extra,
  };
  await new Registrations(app.store).save(reg);
}

/** An escalated question from a console user, waiting for the department. */
export async function waitingQuestion(app: App, userId: string, text: string, unitId?: string): Promise<Question> {
  const now = app.services.now().toISOString();
  const q: Question = { id: Questions.newId(), question: text, platform: 'console', chatId: `chat-${userId}`, userId, unitId, locale: 'vi', at: now, answered: false, cited: [], status: 'escalated', escalatedAt: now };
  await new Questions(app.store).save(q);
  return q;
}

/** A cookie-keeping HTTP client of the dashboard (no browser). */
export function client(base: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const v = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c) || v === '') jar.delete(pair.slice(0, i));
      else jar.set(pair.slice(0, i), v);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (path: string) => keep(await fetch(new URL(path, base), { headers: { cookie: cookie() }, redirect: 'manual' })),
    post: async (path: string, form: Record<string, string>) =>
      keep(await fetch(new URL(path, base), { method: 'POST', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' })),
    /** Opens a sign-in link and confirms it, as a person would. */
    async signIn(link: string): Promise<Response> {
      const page = await this.get(link);
      const html = await page.text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
      return this.post('/app/login', { t: field('t'), pre: field('pre') });
    },
    /** The CSRF token of the forms of a page. */
    csrfOf: (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}
