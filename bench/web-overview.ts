/**
 * The web dashboard's overview for 100 units (5 clusters) and 1,000 registrations (10 years × 100
 * units) on a SQLite file, signed in as the operator (sees every unit): GET /app/ over HTTP, one
 * request at a time then 4 at once, p50 / p95 / max latency of the whole answer (page rendered on
 * the server: counts, SVG charts, the deadline board with its reminder ledger).
 *   npx tsx bench/web-overview.ts [--requests 400]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { createApp } from '../src/app.js';
import { mount } from '../src/bot/adapters/http.js';
import { loadConfig } from '../src/config.js';
import { Units } from '../src/domain/units.js';
import { Registrations, type Registration } from '../src/flows/register/records.js';
import { WebLinks } from '../src/bot/weblinks.js';
import { configureLog } from '../src/log.js';
import { webDashboard, WEB_PATH } from '../src/web/index.js';

const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '400' } } });
const N = Number(args.requests);
configureLog({ level: 'warn' });

const clusters = Array.from({ length: 5 }, (_, c) => ({
  id: `cum-${c + 1}`,
  name: { vi: `Cụm thi đua số ${c + 1}`, en: `Emulation Cluster ${c + 1}` },
  units: Array.from({ length: 20 }, (_, u) => ({ id: `dv-${c + 1}-${u + 1}`, name: { vi: `Đơn vị thử ${c + 1}.${u + 1} thuộc Bộ Tư pháp`, en: `Test unit ${c + 1}.${u + 1}` } })),
}));
const units = new Units(stringify({ clusters }));
const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-web-'));
const now = new Date('2026-12-01T02:00:00Z');
const app = await createApp(loadConfig({ STORE_URL: `sqlite://${join(dir, 'bench.sqlite')}`, LOG_LEVEL: 'warn' }), { units, now: () => now });
const regs = new Registrations(app.store);
const statuses: Registration['status'][] = ['approved', 'submitted', 'returned', 'draft'];
let n = 0;
for (let year = 2018; year <= 2027; year++)
  for (const u of units.all()) {
    const at = new Date(Date.UTC(year - 1, 11, 1 + (n % 28))).toISOString();
    const status = statuses[n++ % 4];
    await regs.save({
      unitId: u.id,
      year,
      status,
      collectiveTitle: n % 3 ? 'ttldxs' : 'ttldtt',
      headcount: 20 + (n % 30),
      individual: { ldtt: 15, cstdcs: 2 },
      targets: [{ content: 'Hoàn thành 100% nhiệm vụ được giao', unit: '%', value: 100 }],
      movements: [],
      version: 1,
      updatedAt: at,
      updatedBy: 'console:x',
      submittedAt: at,
      history: [{ version: 1, at, by: 'console:x', action: 'submit', changes: [] }],
    });
  }
const m = await mount(0, WEB_PATH, webDashboard(app.services, app.knowledge), '127.0.0.1');
const base = `http://127.0.0.1:${m.port}`;

// Sign in as the operator, as a browser would: the link, its confirmation, the session cookie.
const { token } = await new WebLinks(app.store).create({ kind: 'operator' }, now, 'bench');
const confirm = await fetch(`${base}/app/login?t=${token}`);
const pre = /name="pre" value="([^"]+)"/.exec(await confirm.text())![1];
const preCookie = confirm.headers.getSetCookie()[0].split(';')[0];
const signed = await fetch(`${base}/app/login`, { method: 'POST', redirect: 'manual', headers: { cookie: preCookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `t=${token}&pre=${encodeURIComponent(pre)}` });
const cookie = signed.headers.getSetCookie().find((c) => c.startsWith('thidua_sid='))!.split(';')[0];

async function get(): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/app/?year=2027`, { headers: { cookie } });
  const body = await res.text();
  if (res.status !== 200 || !body.includes('Cụm thi đua số 5')) throw new Error(`bad answer ${res.status}`);
  return performance.now() - t0;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const show = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

for (let i = 0; i < 20; i++) await get(); // warm-up
const serial: number[] = [];
for (let i = 0; i < N; i++) serial.push(await get());
const parallel: number[] = [];
let next = 0;
await Promise.all(Array.from({ length: 4 }, async () => { for (let i = next++; i < N; i = next++) parallel.push(await get()); }));
const size = (await (await fetch(`${base}/app/?year=2027`, { headers: { cookie } })).arrayBuffer()).byteLength;
console.log(`web overview, 100 units, 1,000 registrations (SQLite), page ${(size / 1024).toFixed(0)} KiB`);
console.log(`  one at a time (${N}): ${show(serial)}`);
console.log(`  4 at once (${N}):     ${show(parallel)}`);
console.log(`  target p95 ≤ 50 ms (one at a time): ${pct(serial, 95) <= 50 ? 'met' : 'NOT met'}`);
await m.close();
await app.close();
rmSync(dir, { recursive: true, force: true });
