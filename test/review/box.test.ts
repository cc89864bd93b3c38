import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBallotBox, type BallotBox } from '../../src/flows/review/box.js';
import { tempDir } from '../helpers/app.js';
import { ownRedis } from '../helpers/redis.js';

const child = join(__dirname, 'fixtures/cast-child.ts');
const tsx = join(__dirname, '../../node_modules/.bin/tsx');

/** The test Redis (TEST_REDIS_URL), else one of its own when redis-server is installed. */
const redisUrl = async () => (process.env.TEST_REDIS_URL ? { url: process.env.TEST_REDIS_URL, stop() {} } : ownRedis());

const lines = (p: ChildProcess) =>
  new Promise<string[]>((resolve) => {
    let out = '';
    p.stdout!.on('data', (d) => (out += d));
    p.on('close', () => resolve(out.trim().split('\n').filter(Boolean)));
  });

async function contract(box: BallotBox) {
  // A ballot of its own, so a Redis server kept between runs holds no earlier one.
  const b1 = `b1-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const far = Date.now() + 3600_000;
  expect(await box.open(b1, ['a', 'b'], far)).toBe(true);
  expect(await box.open(b1, ['a', 'b'], far)).toBe(false);
  // Two devices of one unit at once: one counts.
  const same = await Promise.all([box.cast(b1, 'u1', { a: 'yes', b: 'no' }, Date.now()), box.cast(b1, 'u1', { a: 'no', b: 'no' }, Date.now())]);
  expect(same.sort()).toEqual(['already', 'counted']);
  expect(await box.cast(b1, 'u2', { a: 'yes' } as never, Date.now())).toBe('invalid');
  expect(await box.cast(b1, 'u2', { a: 'yes', b: 'yes', c: 'no' } as never, Date.now())).toBe('invalid');
  expect(await box.cast(b1, 'u2', { a: 'yes', b: 'yes' }, Date.now())).toBe('counted');
  expect(await box.cast('nope', 'u2', { a: 'yes', b: 'yes' }, Date.now())).toBe('unknown');
  expect(await box.cast(b1, 'u3', { a: 'yes', b: 'yes' }, far)).toBe('closed'); // past its closing time
  expect(await box.voters(b1)).toEqual(['u1', 'u2']);
  // A cast racing the closing is counted or refused, never lost.
  const [late, closed] = await Promise.all([box.cast(b1, 'u4', { a: 'no', b: 'yes' }, Date.now()), box.close(b1)]);
  expect(['counted', 'closed']).toContain(late);
  expect(closed.closedNow).toBe(true);
  expect((await box.close(b1)).closedNow).toBe(false);
  const t = (await box.tally(b1))!;
  expect(t.closed).toBe(true);
  expect(t.voted).toBe(late === 'counted' ? 3 : 2);
  expect(t.counts.a.yes + t.counts.a.no).toBe(t.voted);
  expect(t.counts.b.yes + t.counts.b.no).toBe(t.voted);
  expect(await box.cast(b1, 'u5', { a: 'yes', b: 'yes' }, Date.now())).toBe('closed');
}

describe('the ballot box', () => {
  it('memory: one ballot per unit, choices checked, closing is final', async () => {
    await contract(openBallotBox('memory://'));
  });

  it('SQLite: the same contract on a file', async () => {
    const box = openBallotBox(`sqlite://${join(tempDir(), 'b.sqlite')}`);
    await contract(box);
    await box.dispose();
  });

  const redis = redisUrl();
  afterAll(async () => (await redis)?.stop());
  it('Redis: the same contract (skipped without redis-server)', async (t) => {
    const r = await redis;
    if (!r) return t.skip();
    const box = openBallotBox(r.url);
    await contract(box);
    await box.dispose();
  });

  it('SQLite: processes racing on one file count each unit once (uniqueness from the database)', async () => {
    const dir = tempDir();
    const url = `sqlite://${join(dir, 'race.sqlite')}`;
    const box = openBallotBox(url);
    await box.open('race', ['a', 'b'], Date.now() + 3600_000);
    const units = Array.from({ length: 30 }, (_, i) => `u${i}`).join(',');
    const go = join(dir, 'go');
    // Four processes cast for the same 30 units at once, two of them "yes" and two "no" for a.
    const kids = ['yes', 'no', 'yes', 'no'].map((c) => spawn(tsx, [child, url, 'race', units, c, go], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const outs = kids.map(lines);
    writeFileSync(go, '');
    const all = (await Promise.all(outs)).flat();
    expect(all).toHaveLength(120);
    expect(all.filter((l) => l.endsWith(' counted'))).toHaveLength(30);
    expect(all.filter((l) => l.endsWith(' already'))).toHaveLength(90);
    const t = (await box.tally('race'))!;
    expect(t.voted).toBe(30);
    expect(t.counts.a.yes + t.counts.a.no).toBe(30);
    expect(t.counts.b).toEqual({ yes: 0, no: 30 });
    await box.dispose();
  }, 60_000);

  it('SQLite: a SIGKILL while casting loses no ballot that was acknowledged', async () => {
    const dir = tempDir();
    const url = `sqlite://${join(dir, 'kill.sqlite')}`;
    const box = openBallotBox(url);
    await box.open('kill', ['a', 'b'], Date.now() + 3600_000);
    const units = Array.from({ length: 2000 }, (_, i) => `u${i}`).join(',');
    const kid = spawn(tsx, [child, url, 'kill', units, 'yes'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    await new Promise<void>((resolve) => {
      let buf = '';
      kid.stdout!.on('data', (d) => {
        buf += d;
        const parts = buf.split('\n');
        buf = parts.pop()!;
        acked.push(...parts.filter((l) => l.endsWith(' counted')).map((l) => l.split(' ')[0]));
        if (acked.length >= 40 && !kid.killed) kid.kill('SIGKILL');
      });
      kid.on('close', () => resolve());
    });
    const voters = await box.voters('kill');
    for (const u of acked) expect(voters).toContain(u);
    const t = (await box.tally('kill'))!;
    expect(t.counts.a.yes).toBe(t.voted); // counters moved with the voter mark, never apart
    expect(t.counts.b.no).toBe(t.voted);
    await box.dispose();
  }, 60_000);
});
