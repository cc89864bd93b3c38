import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Acting } from '../bot/context.js';
import { access, personKey } from '../bot/people.js';
import { StoreError } from '../bot/store.js';
import { clientIp } from '../bot/client-ip.js';
import { personLabel } from '../bot/names.js';
import { rateLimit } from '../bot/rate-limit.js';
import type { Locale } from '../bot/types.js';
import { LINK_TTL_MS } from '../bot/weblinks.js';
import { parseCitations, answerQuestion, curateQuestion, DELIVERY_NOTE } from '../flows/ask/escalation.js';
import { registrationYear } from '../domain/dates.js';
import { decideRegistration } from '../flows/register/approval.js';
import { docxFor, DOCX_MIME, workbookFor, XLSX_MIME } from '../flows/register/export.js';
import { minutesFor } from '../flows/review/minutes.js';
import { defaultYear } from '../flows/review/kit.js';
import { logger } from '../log.js';
import { tr, type Msg } from '../text/i18n.js';
import { scope, SESSION_COOKIE, SESSION_MS, viewerOf, type Viewer } from './auth.js';
import { html, type Html } from './html.js';
import { pageCtx, type PageCtx, type WebKit } from './kit.js';
import { frame, type Flash } from './layout.js';
import { M } from './messages.js';
import { knowledgePage } from './pages/knowledge.js';
import { overviewPage } from './pages/overview.js';
import { MAX_ANSWER, questionsPage } from './pages/questions.js';
import { reviewPage } from './pages/review.js';
import { messagePage, signInPage } from './pages/signin.js';
import { MAX_COMMENT, unitPage } from './pages/unit.js';
import { cookies, newNonce, readForm, redirect, sameSecret, sendFile, sendHtml, setCookie } from './request.js';
import { followedUnits, yearParam } from './scope-units.js';
import { newSecret } from '../bot/weblinks.js';

const log = logger('web');

/**
 * The web dashboard under /app: one request handler for the shared HTTP server (bot/adapters/http.ts
 * mounts it). Without a session only the sign-in pages answer; everything else is 401. Every request
 * re-reads the person from the store (auth.ts `viewerOf`) and checks what they may see.
 */
export const LANG_COOKIE = 'thidua_lang';
const PRE_COOKIE = 'thidua_pre';

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createWebHandler(kit: WebKit): WebHandler {
  const blocked = new Map<string, number>();
  return (req, res) => {
    handle(kit, blocked, req, res).catch((err) => {
      log.error('web request failed', { path: (req.url ?? '').split('?')[0], error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) sendHtml(res, 500, messagePage('vi', newNonce(), M.error, [M.backHome]), newNonce());
      else res.end();
    });
  };
}

const secureCookies = (kit: WebKit, req: IncomingMessage) => !!kit.services.config.WEB_BASE_URL?.startsWith('https:') || req.headers['x-forwarded-proto'] === 'https';

function localeOf(req: IncomingMessage, viewer?: Viewer): Locale {
  const c = cookies(req)[LANG_COOKIE];
  if (c === 'vi' || c === 'en') return c;
  return viewer?.person?.locale ?? 'vi';
}

async function handle(kit: WebKit, blocked: Map<string, number>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://dashboard.local');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const nonce = newNonce();
  const now = kit.services.now();
  const secure = secureCookies(kit, req);

  if (path === '/app/lang' && method === 'GET') {
    const to = url.searchParams.get('to') === 'en' ? 'en' : 'vi';
    const back = url.searchParams.get('back') ?? '/app/';
    const safe = /^\/app(\/|$|\?)/.test(back) && !back.startsWith('//') ? back : '/app/';
    return redirect(res, safe, { 'set-cookie': setCookie(LANG_COOKIE, to, { path: '/app', maxAgeSec: 365 * 86400, secure, sameSite: 'Lax' }) });
  }

  if (path === '/app/login') return signIn(kit, blocked, req, res, url, method, nonce, now, secure);

  // Everything else needs a session.
  const sid = cookies(req)[SESSION_COOKIE];
  const session = await kit.sessions.get(sid);
  const viewer = session && (await viewerOf(kit.services, sid!, session));
  const locale = localeOf(req, viewer);
  if (!viewer) return sendHtml(res, 401, messagePage(locale, nonce, M.needSignIn, [M.howSignIn]), nonce);
  const p = pageCtx(kit, viewer, locale, url, nonce);

  if (method === 'POST') {
    const form = await readForm(req);
    if (!form || !sameSecret(form.get('csrf'), viewer.session.csrf)) return sendHtml(res, 403, page(p, M.forbidden, M.badForm), nonce);
    if (path === '/app/logout') {
      await kit.sessions.end(viewer.sessionId);
      return sendHtml(res, 200, messagePage(locale, nonce, M.signedOut, [M.howSignIn]), nonce, { 'set-cookie': setCookie(SESSION_COOKIE, '', { path: '/app', maxAgeSec: 0, secure }) });
    }
    const q = /^\/app\/questions\/([0-9a-f]{12})\/(answer|curate)$/.exec(path);
    if (q) {
      if (!scope.isAdmin(viewer)) return sendHtml(res, 403, page(p, M.forbidden, M.adminsOnly), nonce);
      return q[2] === 'answer' ? answer(p, res, q[1], form) : curate(p, res, q[1]);
    }
    const decision = /^\/app\/unit\/([^/]+)\/decide$/.exec(path);
    if (decision) return decide(p, res, decodeURIComponent(decision[1]), form);
    return sendHtml(res, 404, page(p, M.notFound, M.notFound), nonce);
  }
  if (method !== 'GET' && method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, POST' }).end();

  if (path === '/app') return sendHtml(res, 200, await overviewPage(p), nonce);
  if (path === '/app/knowledge') return sendHtml(res, 200, knowledgePage(p), nonce);
  if (path === '/app/questions') {
    if (!scope.isAdmin(viewer)) return sendHtml(res, 403, page(p, M.forbidden, M.adminsOnly), nonce);
    return sendHtml(res, 200, await questionsPage(p, flashOf(p)), nonce);
  }
  if (path === '/app/export.xlsx') {
    if (viewer.role !== 'admin' && viewer.role !== 'cluster-head') return sendHtml(res, 403, page(p, M.forbidden, M.forbidden), nonce);
    const year = yearParam(p, registrationYear(kit.register.calendar, now, kit.register.tz));
    const { bytes } = await workbookFor(kit.register, year, followedUnits(p), locale);
    return sendFile(res, { name: `dang-ky-thi-dua-${year}.xlsx`, mime: XLSX_MIME, bytes });
  }
  const unit = /^\/app\/unit\/([^/]+)(?:\/registration\.(docx|xlsx))?$/.exec(path);
  if (unit) {
    const unitId = decodeURIComponent(unit[1]);
    if (!kit.services.units.get(unitId)) return sendHtml(res, 404, page(p, M.notFound, M.notFound), nonce);
    if (!scope.canViewUnit(viewer, unitId, kit.services)) return sendHtml(res, 403, page(p, M.forbidden, M.forbiddenUnit, { unit: kit.services.units.name(unitId, locale) }), nonce);
    if (!unit[2]) return sendHtml(res, 200, await unitPage(p, unitId, decidedFlash(p)), nonce);
    const year = yearParam(p, registrationYear(kit.register.calendar, now, kit.register.tz));
    const reg = await kit.register.regs.get(unitId, year);
    if (!reg) return sendHtml(res, 404, page(p, M.notFound, M.regNone, { year }), nonce);
    if (unit[2] === 'docx') return sendFile(res, { name: `dang-ky-thi-dua-${year}-${unitId}.docx`, mime: DOCX_MIME, bytes: await docxFor(kit.register, reg) });
    const { bytes } = await workbookFor(kit.register, year, [unitId], locale);
    return sendFile(res, { name: `dang-ky-thi-dua-${year}-${unitId}.xlsx`, mime: XLSX_MIME, bytes });
  }
  const review = /^\/app\/review\/([^/]+)(\/minutes\.docx)?$/.exec(path);
  if (review) {
    const clusterId = decodeURIComponent(review[1]);
    if (!kit.services.units.cluster(clusterId)) return sendHtml(res, 404, page(p, M.notFound, M.notFound), nonce);
    if (!scope.canSeeCluster(viewer, clusterId, kit.services)) return sendHtml(res, 403, page(p, M.forbidden, M.forbidden), nonce);
    if (!review[2]) return sendHtml(res, 200, await reviewPage(p, clusterId), nonce);
    if (!scope.canManageCluster(viewer, clusterId, kit.services)) return sendHtml(res, 403, page(p, M.forbidden, M.rankingManagers), nonce);
    const year = yearParam(p, defaultYear(kit.review, clusterId, now));
    const minutes = await minutesFor(kit.review, clusterId, year, now);
    if (!minutes) return sendHtml(res, 404, page(p, M.notFound, M.notFound), nonce);
    return sendFile(res, { name: minutes.name, mime: DOCX_MIME, bytes: minutes.bytes });
  }
  return sendHtml(res, 404, page(p, M.notFound, M.notFound), nonce);
}

/** A signed-in page holding one message (403, 404). */
function page(p: PageCtx, title: Msg, text: Msg, params: Record<string, string | number> = {}): Html {
  return frame(p, { title: p.t(title, params), nav: 'overview', body: html`<section class="card"><p>${p.t(text, params)}</p><p><a href="/app/">${p.t(M.backHome)}</a></p></section>` });
}

async function signIn(kit: WebKit, blocked: Map<string, number>, req: IncomingMessage, res: ServerResponse, url: URL, method: string, nonce: string, now: Date, secure: boolean) {
  const locale = localeOf(req);
  const ip = clientIp(req, kit.services.config.TRUST_PROXY_HOPS);
  const until = blocked.get(ip) ?? 0;
  if (until > now.getTime()) {
    return sendHtml(res, 429, messagePage(locale, nonce, M.signInTitle, [M.tooManySignIns], { min: Math.ceil((until - now.getTime()) / 60_000) }), nonce, { 'retry-after': String(Math.ceil((until - now.getTime()) / 1000)) });
  }
  const refuse = async (reason: 'unknown' | 'used' | 'expired') => {
    const r = await rateLimit(kit.services.store, 'signin', ip, now);
    if (!r.ok) blocked.set(ip, now.getTime() + r.retryMinutes * 60_000);
    const msg = reason === 'used' ? M.linkUsed : reason === 'expired' ? M.linkExpired : M.linkUnknown;
    return sendHtml(res, reason === 'unknown' ? 400 : 410, messagePage(locale, nonce, M.signInTitle, [msg, M.linkAgain], { minutes: LINK_TTL_MS / 60_000 }), nonce);
  };
  if (method === 'GET') {
    const token = url.searchParams.get('t') ?? '';
    const state = await kit.links.peek(token, now);
    if (!state.ok) return refuse(state.reason);
    // A page that asks to confirm: link previews (a chat app fetching the URL) must not use the link up.
    const pre = newSecret();
    let who = tr(locale, M.operator);
    if (state.subject.kind === 'person') {
      const [platform, ...rest] = state.subject.person.split(':');
      const person = await kit.services.people.get(platform as never, rest.join(':'));
      // A person no longer in the store signs in as nobody: the link is no good.
      if (!person) return refuse('unknown');
      who = person.name?.trim() ? `${person.name.trim()} — ${kit.services.units.name(person.unitId, locale)}` : personLabel(person, kit.services.units, locale);
    }
    return sendHtml(res, 200, signInPage(locale, nonce, token, pre, who), nonce, { 'set-cookie': setCookie(PRE_COOKIE, pre, { path: '/app/login', maxAgeSec: LINK_TTL_MS / 1000, secure }) });
  }
  if (method !== 'POST') return void res.writeHead(405, { allow: 'GET, POST' }).end();
  const form = await readForm(req);
  if (!form || !sameSecret(form.get('pre'), cookies(req)[PRE_COOKIE])) return sendHtml(res, 403, messagePage(locale, nonce, M.signInTitle, [M.signInStale]), nonce);
  const state = await kit.links.consume(form.get('t') ?? '', now);
  if (!state.ok) return refuse(state.reason);
  const { id } = await kit.sessions.create(state.subject);
  return redirect(res, '/app/', {
    'set-cookie': [setCookie(SESSION_COOKIE, id, { path: '/app', maxAgeSec: SESSION_MS / 1000, secure }), setCookie(PRE_COOKIE, '', { path: '/app/login', maxAgeSec: 0, secure })],
  });
}

const actorKey = (p: PageCtx) => (p.viewer.person ? personKey(p.viewer.person.platform, p.viewer.person.userId) : 'cli');

/** Outcome codes carried by the redirect after a POST (so a reload does not post again). */
const FLASH: Record<string, { kind: Flash['kind']; msg: Msg }> = {
  sent: { kind: 'ok', msg: DELIVERY_NOTE.sent },
  queued: { kind: 'ok', msg: DELIVERY_NOTE.queued },
  failed: { kind: 'warn', msg: DELIVERY_NOTE.failed },
  gone: { kind: 'warn', msg: M.gone },
};
const CURATED: Record<string, { kind: Flash['kind']; msg: Msg }> = {
  ok: { kind: 'ok', msg: M.curated },
  'needs-citation': { kind: 'warn', msg: M.curateNeedsCitation },
  gone: { kind: 'warn', msg: M.gone },
};

function flashOf(p: PageCtx): Flash | undefined {
  const done = FLASH[p.url.searchParams.get('done') ?? ''];
  const cur = CURATED[p.url.searchParams.get('curated') ?? ''];
  if (!done && !cur) return undefined;
  return { kind: done?.kind === 'warn' || cur?.kind === 'warn' ? 'warn' : 'ok', text: [done, cur].filter((x) => !!x).map((x) => p.t(x.msg)).join(' ') };
}

async function answer(p: PageCtx, res: ServerResponse, id: string, form: URLSearchParams) {
  const { kit } = p;
  const text = (form.get('answer') ?? '').trim();
  const cits = (form.get('citations') ?? '').trim();
  const wantsCurate = form.get('curate') === '1';
  const draft = { id, answer: form.get('answer') ?? '', citations: cits, curate: wantsCurate };
  const again = async (msg: Msg, params: Record<string, string | number> = {}) => sendHtml(res, 400, await questionsPage(p, { kind: 'warn', text: p.t(msg, params) }, draft), p.nonce);
  if (!text) return again(M.answerEmpty);
  if (text.length > MAX_ANSWER) return again(M.answerTooLong, { max: MAX_ANSWER });
  const parsed = parseCitations(cits || '-', kit.knowledge.docs);
  if (!parsed.ok) return again(M.badCitation, { c: parsed.bad });
  const by = actorKey(p);
  const out = await answerQuestion(kit.services, kit.questions, kit.knowledge.docs, { id, text, citations: parsed.citations, by });
  const params: Record<string, string> = { done: out.ok ? out.delivery : 'gone' };
  if (out.ok && wantsCurate) params.curated = await curateQuestion(kit.services, kit.questions, kit.knowledge, id, by);
  return redirect(res, `/app/questions?${new URLSearchParams(params)}`);
}

/**
 * The head of a unit (or an administrator) approves or returns its submitted registration, with the
 * same rules, records and notices as the chat's buttons; a refusal shows the page again with why.
 */
async function decide(p: PageCtx, res: ServerResponse, unitId: string, form: URLSearchParams) {
  const { kit } = p;
  if (!kit.services.units.get(unitId)) return sendHtml(res, 404, page(p, M.notFound, M.notFound), p.nonce);
  const person = p.viewer.person;
  if (!person || !access.canApproveUnit(person, unitId)) return sendHtml(res, 403, page(p, M.forbidden, M.forbidden), p.nonce);
  const [year, version, choice] = [Number(form.get('year')), Number(form.get('version')), form.get('decision')];
  if (!Number.isInteger(year) || !Number.isInteger(version) || (choice !== 'approve' && choice !== 'return')) return sendHtml(res, 400, page(p, M.forbidden, M.badForm), p.nonce);
  const comment = (form.get('comment') ?? '').trim();
  const at = { ...p, url: new URL(`/app/unit/${encodeURIComponent(unitId)}?year=${year}`, p.url) };
  const again = async (status: number, text: string) => sendHtml(res, status, await unitPage(at, unitId, { kind: 'warn', text }, comment), p.nonce);
  if (choice === 'return' && !comment) return again(400, p.t(M.commentEmpty));
  if (comment.length > MAX_COMMENT) return again(400, p.t(M.commentTooLong, { max: MAX_COMMENT }));
  const who: Acting = { services: kit.services, in: { platform: person.platform, chatId: person.chatId, userId: person.userId }, locale: p.locale, person, now: p.now, t: p.t };
  let out;
  try {
    out = await decideRegistration(kit.register, who, { unitId, year, version }, choice, choice === 'return' ? comment : undefined);
  } catch (err) {
    if (err instanceof StoreError) return again(503, p.t(M.notSaved));
    throw err;
  }
  if ('refused' in out) return again(409, out.refused);
  return redirect(res, `/app/unit/${encodeURIComponent(unitId)}?${new URLSearchParams({ year: String(year), decided: choice, v: String(version) })}`);
}

/** The line a decision's redirect leads to. */
function decidedFlash(p: PageCtx): Flash | undefined {
  const d = p.url.searchParams.get('decided');
  if (d !== 'approve' && d !== 'return') return undefined;
  const [year, version] = [Number(p.url.searchParams.get('year')), Number(p.url.searchParams.get('v'))];
  if (!Number.isInteger(year) || !Number.isInteger(version)) return undefined;
  return { kind: 'ok', text: p.t(d === 'approve' ? M.decidedApprove : M.decidedReturn, { year, version }) };
}

async function curate(p: PageCtx, res: ServerResponse, id: string) {
  const out = await curateQuestion(p.kit.services, p.kit.questions, p.kit.knowledge, id, actorKey(p));
  return redirect(res, `/app/questions?curated=${out}`);
}

