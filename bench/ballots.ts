/**
 * Ballot benchmark: 100 open ballots (100 clusters of 10 units), and 1,000 ballots cast at once —
 * one per unit — each sent twice (a second device of the same unit, at the same moment), through
 * the service path (who may vote, the ballot's state, then the box's one atomic step) on a SQLite
 * file; then the same 2,000 casts from two processes at once on one SQLite file (the raw box);
 * then memory, and Redis when redis-server is installed. Prints casts/s and checks every unit was
 * counted exactly once and every counter adds up. Not run by CI.
 *   npx tsx bench/ballots.ts [--ballots 100] [--units 10]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { ballots: { type: 'string', default: '100' }, units: { type: 'string', default: '10' }, role: { type: 'string', default: 'main' }, url: { type: 'string' }, go: { type: 'string' } } });
const B = Number(values.ballots);
const U = Number(values.units);
const cluster = (b: number) => `c${b}`;
const unit = (b: number, u: number) => `c${b}-u${u}`;
const ballotId = (b: number) => `${cluster(b)}.2026.co-nganh`;
/** Unit u of ballot b says yes to candidate 0 when (b + u) is even; no to candidate 1 always; candidate 2 yes. */
const choices = (b: number, u: number) => ({ [unit(b, 0)]: (b + u) % 2 === 0 ? 'yes' : 'no', [unit(b, 1)]: 'no', [unit(b, 2)]: 'yes' }) as Record<string, 'yes' | 'no'>;

if (values.role === 'caster') {
  // One of two processes casting every unit's ballot on the shared file.
  const { openBallotBox } = await import('../src/flows/review/box.js');
  const { existsSync } = await import('node:fs');
  const box = openBallotBox(values.url!);
  while (!existsSync(values.go!)) await new Promise((r) => setTimeout(r, 2));
  const t0 = performance.now();
  const jobs: Promise<string>[] = [];
  for (let b = 0; b < B; b++) for (let u = 0; u < U; u++) jobs.push(box.cast(ballotId(b), unit(b, u), choices(b, u), Date.now()));
  const out = await Promise.all(jobs);
  const ms = performance.now() - t0;
  await box.dispose();
  process.stdout.write(JSON.stringify({ counted: out.filter((r) => r === 'counted').length, already: out.filter((r) => r === 'already').length, other: out.filter((r) => r !== 'counted' && r !== 'already').length, ms }) + '\n');
  process.exit(0);
}

const { configureLog } = await import('../src/log.js');
configureLog({ level: 'silent' });
const { loadConfig } = await import('../src/config.js');
const { openStore } = await import('../src/bot/store.js');
const { createServices } = await import('../src/bot/services.js');
const { Units } = await import('../src/domain/units.js');
const { createReviewKit, OPERATOR } = await import('../src/flows/review/kit.js');
const { openBallot, castBallot } = await import('../src/flows/review/ballot-service.js');
const { openBallotBox, disposeBallotBox } = await import('../src/flows/review/box.js');
type Person = import('../src/bot/people.js').Person;

/** A data folder with B clusters of U units, each with the sample review file. */
function dataDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'thidua-bench-ballots-')), 'data');
  mkdirSync(dir);
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)), 'data');
  for (const f of ['titles.yaml', 'documents.yaml', 'base-salary.yaml', 'knowledge', 'curated']) symlinkSync(join(root, f), join(dir, f));
  const lines = ['clusters:'];
  const sample = readFileSync(join(root, 'clusters/cum-3/review-2026.yaml'), 'utf8');
  for (let b = 0; b < B; b++) {
    lines.push(`  - id: ${cluster(b)}`, `    name: { vi: Cụm ${b}, en: Cluster ${b} }`, '    units:');
    for (let u = 0; u < U; u++) lines.push(`      - id: ${unit(b, u)}`, `        name: { vi: Đơn vị ${b}-${u}, en: Unit ${b}-${u} }`);
    mkdirSync(join(dir, 'clusters', cluster(b)), { recursive: true });
    writeFileSync(join(dir, 'clusters', cluster(b), 'review-2026.yaml'), sample.replace(/^cluster: cum-3$/m, `cluster: ${cluster(b)}`));
  }
  writeFileSync(join(dir, 'units.yaml'), lines.join('\n') + '\n');
  return dir;
}

interface Check {
  voted: number;
  countsOk: boolean;
  votersOk: boolean;
}

/** Every ballot: U voters, each unit once, counters equal to the expected choices. */
async function verify(box: import('../src/flows/review/box.js').BallotBox): Promise<Check> {
  let voted = 0;
  let countsOk = true;
  let votersOk = true;
  for (let b = 0; b < B; b++) {
    const t = (await box.tally(ballotId(b)))!;
    voted += t.voted;
    const voters = await box.voters(ballotId(b));
    if (voters.length !== U || new Set(voters).size !== U) votersOk = false;
    const expectYes0 = Array.from({ length: U }, (_, u) => (b + u) % 2 === 0).filter(Boolean).length;
    const c = t.counts;
    if (c[unit(b, 0)].yes !== expectYes0 || c[unit(b, 0)].no !== U - expectYes0 || c[unit(b, 1)].no !== U || c[unit(b, 1)].yes !== 0 || c[unit(b, 2)].yes !== U) countsOk = false;
  }
  return { voted, countsOk, votersOk };
}

const dir = dataDir();
const line = (name: string, attempts: number, counted: number, already: number, ms: number, check: Check) =>
  console.log(
    `${name.padEnd(34)} ${attempts} casts in ${ms.toFixed(0)} ms = ${Math.round((attempts / ms) * 1000)} casts/s (${Math.round((counted / ms) * 1000)} counted/s); counted ${counted}, refused as already cast ${already}; ` +
      `each unit once: ${check.voted === B * U && check.votersOk ? 'yes' : 'NO'}, counters add up: ${check.countsOk ? 'yes' : 'NO'}`,
  );

/** Phase 1: the service path on an app's store (SQLite file, or memory). */
async function servicePath(storeUrl: string, name: string) {
  const config = loadConfig({ STORE_URL: storeUrl, DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const store = await openStore(storeUrl);
  const units = Units.load(join(dir, 'units.yaml'));
  const services = createServices({ config, store, units });
  const kit = createReviewKit(services);
  const now = new Date();
  for (let b = 0; b < B; b++) {
    const r = await openBallot(kit, OPERATOR, { clusterId: cluster(b), year: 2026, titleId: 'co-nganh', candidates: [unit(b, 0), unit(b, 1), unit(b, 2)], closesAt: new Date(now.getTime() + 3600_000) }, now);
    if (!r.ok) throw new Error(`open ${b}: ${r.why}`);
  }
  const head = (b: number, u: number, device: number): Person => ({ platform: 'console', userId: `h-${b}-${u}-${device}`, chatId: `h-${b}-${u}-${device}`, unitId: unit(b, u), role: 'head', muted: false, joinedAt: now.toISOString() });
  const t0 = performance.now();
  const jobs: Promise<{ outcome: string }>[] = [];
  for (let b = 0; b < B; b++) for (let u = 0; u < U; u++) for (const device of [1, 2]) jobs.push(castBallot(kit, head(b, u, device), ballotId(b), choices(b, u), new Date()));
  const out = (await Promise.all(jobs)).map((r) => r.outcome);
  const ms = performance.now() - t0;
  line(name, jobs.length, out.filter((o) => o === 'counted').length, out.filter((o) => o === 'already').length, ms, await verify(kit.box));
  await disposeBallotBox(store);
  await store.close();
}

/** Phase 2: two processes on one SQLite file, each casting every unit's ballot (the raw box). */
async function twoProcesses(storeUrl: string) {
  const box = openBallotBox(storeUrl);
  const far = Date.now() + 3600_000;
  for (let b = 0; b < B; b++) await box.open(ballotId(b), [unit(b, 0), unit(b, 1), unit(b, 2)], far);
  const go = join(mkdtempSync(join(tmpdir(), 'thidua-go-')), 'go');
  const self = fileURLToPath(import.meta.url);
  const kids = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', self, '--role', 'caster', '--url', storeUrl, '--go', go, '--ballots', String(B), '--units', String(U)], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const outs = kids.map((k) => new Promise<{ counted: number; already: number; other: number; ms: number }>((r) => {
    let s = '';
    k.stdout!.on('data', (d) => (s += d));
    k.on('close', () => r(JSON.parse(s)));
  }));
  await new Promise((r) => setTimeout(r, 1500)); // both children loaded and waiting
  const t0 = performance.now();
  writeFileSync(go, '');
  const res = await Promise.all(outs);
  const ms = performance.now() - t0;
  const counted = res.reduce((s, r) => s + r.counted, 0);
  const already = res.reduce((s, r) => s + r.already, 0);
  line('SQLite, two processes, raw box', 2 * B * U, counted, already, ms, await verify(box));
  await box.dispose();
}

console.log(`${B} ballots × ${U} units = ${B * U} unit ballots, each sent twice at once (two devices)`);
const tmp = mkdtempSync(join(tmpdir(), 'thidua-bench-db-'));
await servicePath(`sqlite://${join(tmp, 'service.sqlite')}`, 'SQLite file, service path');
await twoProcesses(`sqlite://${join(tmp, 'two.sqlite')}`);
await servicePath('memory://', 'memory, service path');
const { ownRedis } = await import('../test/helpers/redis.js');
const redis = await ownRedis();
if (redis) {
  await servicePath(redis.url, 'Redis, service path');
  redis.stop();
} else console.log('Redis: skipped (redis-server not installed)');
