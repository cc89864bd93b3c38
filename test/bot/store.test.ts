import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { z } from 'zod';
import { openStore } from '../../src/bot/store.js';
import { Repo } from '../../src/bot/repo.js';
import { tempDir } from '../helpers/app.js';

const redisUrl = process.env.TEST_REDIS_URL;

describe('store', () => {
  it('keeps records in a SQLite file across reopen and validates them; a corrupt one is quarantined and read as absent', async () => {
    const url = `sqlite://${join(tempDir(), 's.sqlite')}`;
    const a = await openStore(url);
    const repo = new Repo(a, 'people', z.object({ n: z.number() }));
    await repo.set('x', { n: 1 });
    await a.ns('people').set('bad', { n: 'one' });
    await a.close();
    const b = await openStore(url);
    const again = new Repo(b, 'people', z.object({ n: z.number() }));
    expect(await again.get('x')).toEqual({ n: 1 });
    expect(await again.get('bad')).toBeUndefined();
    expect(await b.ns('people').get('bad')).toBeUndefined();
    expect((await again.list()).map((e) => e.key)).toEqual(['x']);
    await b.close();
  });

  it('gives back text exactly as written, also text that starts with ":" (an officer\'s note ":)" or ":" in a list)', async () => {
    const url = `sqlite://${join(tempDir(), 'colon.sqlite')}`;
    const a = await openStore(url);
    const schema = z.object({ note: z.string(), list: z.array(z.string()), more: z.record(z.string(), z.string()) });
    const value = { note: ':) xong', list: [':a', 'b', ':base64:aGk='], more: { ':k': ':v', k: 'a:":b' } };
    await new Repo(a, 'drafts', schema).set('x', value);
    await new Repo(a, 'drafts', z.string()).set('y', ':top');
    await a.close();
    const b = await openStore(url);
    expect(await new Repo(b, 'drafts', schema).get('x')).toEqual(value);
    expect(await new Repo(b, 'drafts', z.string()).get('y')).toBe(':top');
    await b.close();
  });

  it('claims a key for exactly one caller (SQLite, in process)', async () => {
    const s = await openStore(`sqlite://${join(tempDir(), 'c.sqlite')}`);
    const wins = await Promise.all(Array.from({ length: 20 }, () => s.claim('job', 60_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    await s.release('job');
    expect(await s.claim('job', 60_000)).toBe(true);
    await s.close();
  });

  it('counts atomically and per key (SQLite)', async () => {
    const s = await openStore(`sqlite://${join(tempDir(), 'n.sqlite')}`);
    const counts = await Promise.all(Array.from({ length: 20 }, () => s.increment('tries', 60_000)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await s.increment('other', 60_000)).toBe(1);
    await s.close();
  });

  it.skipIf(!redisUrl)('writes a batch on Redis (one MULTI) that another client reads as written: values, deletes and expiry', async () => {
    const a = await openStore(redisUrl!);
    const b = await openStore(redisUrl!);
    const schema = z.object({ n: z.number() });
    const [ra, rb] = [new Repo(a, 'notices', schema), new Repo(b, 'notices', schema)];
    const tag = `batch-${Date.now()}-${Math.random()}`;
    await a.batch([ra.write(`${tag}-x`, { n: 1 }), ra.write(`${tag}-y`, { n: 2 }), ra.write(`${tag}-t`, { n: 3 }, 200)]);
    expect([await rb.get(`${tag}-x`), await rb.get(`${tag}-y`), await rb.get(`${tag}-t`)]).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect((await rb.list(`${tag}-`)).map((e) => e.key).sort()).toEqual([`${tag}-t`, `${tag}-x`, `${tag}-y`]);
    await a.batch([ra.remove(`${tag}-x`), ra.write(`${tag}-y`, { n: 4 })]);
    expect([await rb.get(`${tag}-x`), await rb.get(`${tag}-y`)]).toEqual([undefined, { n: 4 }]);
    // The row written with a TTL goes away by itself (waited for, up to 5 s).
    for (const until = Date.now() + 5000; (await rb.get(`${tag}-t`)) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(await rb.get(`${tag}-t`)).toBeUndefined();
    await a.close();
    await b.close();
  });

  it.skipIf(!redisUrl)('counts across two processes sharing Redis', async () => {
    const a = await openStore(redisUrl!);
    const b = await openStore(redisUrl!);
    const key = `tries-${Date.now()}-${Math.random()}`;
    const counts = await Promise.all([...Array(10)].flatMap(() => [a.increment(key, 60_000), b.increment(key, 60_000)]));
    expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await a.close();
    await b.close();
  });

  it.skipIf(!redisUrl)('claims a key for exactly one of two processes sharing Redis', async () => {
    const a = await openStore(redisUrl!);
    const b = await openStore(redisUrl!);
    const key = `job-${Date.now()}-${Math.random()}`;
    const wins = await Promise.all([...Array(10)].flatMap(() => [a.claim(key, 60_000), b.claim(key, 60_000)]));
    expect(wins.filter(Boolean)).toHaveLength(1);
    // Records written by one process are read and listed by the other.
    await a.ns('people').set(key, { n: 2 });
    expect(await b.ns('people').get(key)).toEqual({ n: 2 });
    const keys: string[] = [];
    for await (const [k] of b.ns('people').iterator!(undefined as never)) keys.push(String(k));
    expect(keys).toContain(key);
    await a.ns('people').delete(key);
    await a.close();
    await b.close();
  });
});

describe('store locks', () => {
  it('runs critical sections on one key one at a time (SQLite)', async () => {
    const s = await openStore(`sqlite://${join(tempDir(), 'l.sqlite')}`);
    const order: string[] = [];
    const section = (name: string) => s.withLock('unit-a', async () => {
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`${name}-`);
    });
    await Promise.all([section('a'), section('b')]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-']);
    await s.close();
  });

  it.skipIf(!redisUrl)('runs critical sections one at a time across two processes sharing Redis, and releases claims', async () => {
    const a = await openStore(redisUrl!);
    const b = await openStore(redisUrl!);
    const key = `unit-${Date.now()}-${Math.random()}`;
    let inside = 0;
    let overlap = false;
    const section = (s: typeof a) => s.withLock(key, async () => {
      inside++;
      if (inside > 1) overlap = true;
      await new Promise((r) => setTimeout(r, 15));
      inside--;
    });
    await Promise.all([section(a), section(b), section(a), section(b)]);
    expect(overlap).toBe(false);
    expect(await a.claim(`c-${key}`, 60_000)).toBe(true);
    await b.release(`c-${key}`);
    expect(await a.claim(`c-${key}`, 60_000)).toBe(true);
    await a.close();
    await b.close();
  });
});
