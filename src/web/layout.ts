import { html, raw, type Html, type Part } from './html.js';
import { M } from './messages.js';
import type { PageCtx } from './kit.js';
import { formatLocal } from '../domain/time.js';
import { personLabel } from '../bot/names.js';

/**
 * The frame of every page: header with navigation and the language switch, the page's content,
 * the time of the data; one inline style sheet (screen, phone, print on A4) and one tiny script
 * that sorts tables (progressive enhancement: without it the tables are simply in their order).
 */
const CSS = `
:root{--ink:#1b1f24;--mute:#5b6470;--line:#d6dae0;--bg:#f6f7f9;--acc:#9b1c1c;--ok:#1f7a3a;--wait:#b7791f;--bad:#b42318;--draft:#6b7280;--miss:#c4c9d0}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:#114a8b}
header.top{background:var(--acc);color:#fff;padding:.6rem 1rem}
header.top a{color:#fff}
.brand{font-weight:700;font-size:1.05rem}
.sub{font-size:.85rem;opacity:.9}
nav.main{display:flex;flex-wrap:wrap;gap:.25rem .9rem;margin-top:.4rem;font-size:.95rem}
nav.main a{text-decoration:none;padding:.15rem 0;border-bottom:2px solid transparent}
nav.main a[aria-current=page]{border-bottom-color:#fff;font-weight:600}
.who{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:center;font-size:.85rem;margin-top:.35rem}
.who form{display:inline;margin:0}
.linkbtn{background:none;border:0;color:#fff;text-decoration:underline;font:inherit;cursor:pointer;padding:0}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
section.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;margin:0 0 1rem}
.muted{color:var(--mute);font-size:.9rem}
.tw{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .45rem;text-align:left;vertical-align:top}
th{background:#eef0f3;font-weight:600}
.nw{white-space:nowrap}
table.sortable td:first-child:not(.n){min-width:9rem}
th.n{white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:600;border-top:2px solid var(--ink)}
th[data-sort]{cursor:pointer}
th[data-sort]::after{content:" ⇅";color:var(--mute);font-weight:400}
th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
.tag{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.82rem;border:1px solid;white-space:nowrap}
.legend i,.tag,svg.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.st-approved,.st-done,.st-inforce{color:var(--ok);border-color:var(--ok)}
.st-submitted,.st-pending{color:var(--wait);border-color:var(--wait)}
.st-returned,.st-late,.st-replaced{color:var(--bad);border-color:var(--bad)}
.st-draft,.st-missing{color:var(--draft);border-color:var(--draft)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.85rem;margin:.3rem 0 .6rem;padding:0;list-style:none}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.05rem;border:1px solid #0002}
.sw-approved{background:#1f7a3a}.sw-submitted{background:#d69e2e}.sw-returned{background:#b42318}.sw-draft{background:#6b7280}.sw-missing{background:#c4c9d0}
svg.chart{width:100%;height:auto;max-width:640px;display:block}
svg.chart.bars{max-width:460px}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.2rem 0 .8rem}
.btn{display:inline-block;background:#114a8b;color:#fff;border:0;border-radius:4px;padding:.45rem .8rem;font:inherit;text-decoration:none;cursor:pointer}
.btn.sec{background:#fff;color:#114a8b;border:1px solid #114a8b}
form.answer label{display:block;font-weight:600;margin:.5rem 0 .2rem}
form.answer textarea,form.answer input[type=text]{width:100%;font:inherit;padding:.4rem;border:1px solid var(--line);border-radius:4px}
form.answer textarea{min-height:7rem}
form.answer .check{font-weight:400;display:flex;gap:.4rem;align-items:flex-start}
.decide{border:1px solid var(--wait);border-radius:6px;padding:.2rem .9rem .9rem;margin:1rem 0}
.decide form.answer button{margin-top:.5rem}
.flash{border-left:4px solid var(--ok);background:#eefaf1;padding:.5rem .8rem;margin:0 0 1rem}
.flash.warn{border-color:var(--bad);background:#fdf0ef}
.q{white-space:pre-wrap;overflow-wrap:anywhere}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.3rem 0}
dl.kv dt{color:var(--mute)}dl.kv dd{margin:0}
footer{max-width:1200px;margin:0 auto;padding:0 1rem 2rem;color:var(--mute);font-size:.85rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#000;padding:.3rem}
@media (max-width:600px){body{font-size:15px}main{padding:.6rem}section.card{padding:.6rem}h1{font-size:1.25rem}th,td{padding:.3rem}.tw table{min-width:34rem}.tw table.narrow{min-width:0}}
@media print{
  @page{size:A4;margin:14mm 12mm}
  body{background:#fff;font-size:10.5pt}
  header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 .3rem}
  header.top a{color:#000;text-decoration:none}
  nav.main,.who,.toolbar,.noprint,form.answer,.skip{display:none!important}
  main{max-width:none;padding:0}
  section.card{border:0;padding:0;margin:0 0 .8rem;break-inside:auto}
  .tw{overflow:visible}
  table{font-size:9pt}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  th[data-sort]::after{content:""}
  table.sortable td:first-child:not(.n){min-width:0;width:30%}
  th.n{white-space:normal}
  h2{break-after:avoid}
  a{color:#000;text-decoration:none}
  svg.chart{max-width:160mm}
  svg.chart.bars{max-width:100mm}
}`;

/** Sorts a table by a header click: numbers by value (data-v when given), text by Vietnamese collation. */
const SORT_JS = `document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.querySelectorAll('thead th');hs.forEach(function(h,i){h.setAttribute('data-sort','');h.tabIndex=0;function go(){var b=t.tBodies[0];if(!b)return;var asc=h.getAttribute('aria-sort')!=='ascending';hs.forEach(function(x){x.removeAttribute('aria-sort')});h.setAttribute('aria-sort',asc?'ascending':'descending');var rows=Array.prototype.slice.call(b.rows);function v(r){var c=r.cells[i];if(!c)return'';var d=c.getAttribute('data-v');return d!==null?d:c.textContent.trim()}var num=rows.every(function(r){var x=v(r);return x===''||!isNaN(Number(x))});rows.sort(function(a,c){var x=v(a),y=v(c);var r=num?(Number(x||-1e15)-Number(y||-1e15)):x.localeCompare(y,'vi');return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})}h.addEventListener('click',go);h.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();go()}})})});`;

export type NavKey = 'overview' | 'unit' | 'review' | 'questions' | 'knowledge';

/** A page for someone who is not signed in (sign-in, errors before a session). */
export function bare(locale: 'vi' | 'en', nonce: string, title: string, body: Html): Html {
  const t = (m: { vi: string; en: string }) => m[locale];
  return html`<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · ${t(M.app)}</title><style nonce="${nonce}">${raw(CSS)}</style></head>
<body><header class="top"><div class="brand">${t(M.app)}</div><div class="sub">${t(M.appSub)}</div></header><main id="main">${body}</main></body></html>`;
}

export function frame(p: PageCtx, opts: { title: string; nav: NavKey; body: Part }): Html {
  const { t, viewer, kit } = p;
  const units = kit.services.units;
  const who = viewer.person ? `${personLabel(viewer.person, units, p.locale)} · ${units.name(viewer.person.unitId, p.locale)}` : t(M.operator);
  const own = viewer.person?.unitId;
  const cluster = units.get(own ?? '')?.clusterId ?? units.clusters.find((c) => !c.demo)?.id;
  const links: [NavKey, string, string][] = [['overview', '/app/', t(M.navOverview)]];
  if (own && units.get(own)) links.push(['unit', `/app/unit/${encodeURIComponent(own)}`, t(M.navMyUnit)]);
  if (cluster) links.push(['review', `/app/review/${encodeURIComponent(cluster)}`, t(M.navReview)]);
  if (viewer.role === 'admin') links.push(['questions', '/app/questions', t(M.navQuestions)]);
  links.push(['knowledge', '/app/knowledge', t(M.navKnowledge)]);
  const other = p.locale === 'vi' ? 'en' : 'vi';
  const back = p.url.pathname + p.url.search;
  return html`<html lang="${p.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${opts.title} · ${t(M.app)}</title><style nonce="${p.nonce}">${raw(CSS)}</style></head>
<body><a class="skip" href="#main">${t(M.skip)}</a>
<header class="top"><div class="brand"><a href="/app/">${t(M.app)}</a></div><div class="sub">${t(M.appSub)}</div>
<nav class="main">${links.map(([k, href, label]) => html`<a href="${href}"${k === opts.nav ? raw(' aria-current="page"') : ''}>${label}</a>`)}</nav>
<div class="who"><span>${t(M.signedInAs, { who })}</span><a href="/app/lang?to=${other}&amp;back=${encodeURIComponent(back)}" lang="${other}">${t(M.otherLang)}</a>
<form method="post" action="/app/logout"><input type="hidden" name="csrf" value="${viewer.session.csrf}"><button class="linkbtn" type="submit">${t(M.signOut)}</button></form></div></header>
<main id="main"><h1>${opts.title}</h1>${opts.body}</main>
<footer>${t(M.printedAt, { at: formatLocal(p.now, kit.services.config.TZ_NAME), tz: kit.services.config.TZ_NAME })}</footer>
<script nonce="${p.nonce}">${raw(SORT_JS)}</script></body></html>`;
}

/** A table that scrolls sideways on a phone and sorts by its headers. */
export function table(head: Html, body: Part, foot?: Part, cls = 'sortable'): Html {
  return html`<div class="tw"><table class="${cls}"><thead>${head}</thead><tbody>${body}</tbody>${foot ? html`<tfoot>${foot}</tfoot>` : ''}</table></div>`;
}

/** A hidden CSRF field for a form of this viewer. */
export const csrfField = (p: PageCtx) => html`<input type="hidden" name="csrf" value="${p.viewer.session.csrf}">`;

/** What a form did, shown once at the top of the page it leads to. */
export interface Flash {
  kind: 'ok' | 'warn';
  text: string;
}

export const flashBox = (flash?: Flash) => (flash ? html`<p class="flash${flash.kind === 'warn' ? ' warn' : ''}" role="status">${flash.text}</p>` : '');

export const tag = (cls: string, text: string) => html`<span class="tag st-${cls}">${text}</span>`;
