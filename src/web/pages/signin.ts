import { html, type Html } from '../html.js';
import { bare } from '../layout.js';
import { M } from '../messages.js';
import type { Locale } from '../../bot/types.js';
import { tr, type Msg } from '../../text/i18n.js';
import { SESSION_MS } from '../auth.js';

/** Pages shown without a session: the sign-in confirmation, a refused link, "sign in first", an error. */
export function signInPage(locale: Locale, nonce: string, token: string, pre: string, who: string): Html {
  const t = (m: Msg, p?: Record<string, string | number>) => tr(locale, m, p);
  return bare(
    locale,
    nonce,
    t(M.signInTitle),
    html`<section class="card"><h1>${t(M.signInTitle)}</h1><p>${t(M.signInAs, { who })}</p>
<form method="post" action="/app/login"><input type="hidden" name="t" value="${token}"><input type="hidden" name="pre" value="${pre}">
<p><button class="btn" type="submit" id="signin">${t(M.signInButton)}</button></p></form>
<p class="muted">${t(M.signInNote, { hours: SESSION_MS / 3600_000 })}</p></section>`,
  );
}

export function messagePage(locale: Locale, nonce: string, title: Msg, lines: Msg[], params: Record<string, string | number> = {}): Html {
  const t = (m: Msg) => tr(locale, m, params);
  return bare(locale, nonce, t(title), html`<section class="card"><h1>${t(title)}</h1>${lines.map((l) => html`<p>${t(l)}</p>`)}</section>`);
}
