import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Repo } from '../../src/bot/repo.js';
import { busy } from '../../src/bot/sqlite.js';
import { openStore, StoreError } from '../../src/bot/store.js';
import { tempDir } from '../helpers/app.js';

/** The SQLite store: better-sqlite3, writes of one event-loop turn committed together. */
describe('SQLite store', () => {
  it('lists every record of a namespace larger than a page exactly once, and nothing of another namespace', async () => {
    const url = `sqlite://${join(tempDir(), 'pages.sqlite')}`;
    const store = await openStore(url);
    const regs = new Repo(store, 'registrations', z.object({ n: z.number() }));
    await Promise.all(Array.from({ length: 2500 }, (_, i) => regs.set(`u${String(i).padStart(4, '0')}`, { n: i })));
    await store.ns('reviews').set('u0000', { n: -1 });
    await store.ns('questions').set('u9999', { n: -2 });
    const listed = await regs.list();
    expect(listed).toHaveLength(2500);
    expect(new Set(listed.map((r) => r.key)).size).toBe(2500);
    expect(listed.reduce((sum, r) => sum + r.value.n, 0)).toBe((2499 * 2500) / 2);
    await store.close();
  });

  it('keeps what was reported saved when the process reopens the file, writes of one turn included', async () => {
    const file = join(tempDir(), 'group.sqlite');
    const store = await openStore(`sqlite://${file}`);
    const people = store.ns('people');
    // Started in the same turn: one transaction, each promise settled by its commit.
    const saved = await Promise.all([people.set('a', { n: 1 }), people.set('b', { n: 2 }), store.claim('update:1', 60_000)]);
    expect(saved).toEqual([true, true, true]);
    expect(await store.claim('update:1', 60_000)).toBe(false);
    // Another connection sees the rows as soon as the writes were reported.
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT key FROM keyv ORDER BY key').all()).toEqual([{ key: 'claims:update:1' }, { key: 'people:a' }, { key: 'people:b' }]);
    other.close();
    await store.close();
  });

  it('a batch is all or nothing inside a turn: a refused row undoes its batch only, the other writes of the turn are kept', async () => {
    const file = join(tempDir(), 'batch.sqlite');
    const store = await openStore(`sqlite://${file}`);
    const db = new Database(file, { timeout: 0 });
    await busy(() => db.exec("CREATE TRIGGER refuse_bad BEFORE INSERT ON keyv WHEN NEW.key = 'drafts:bad' BEGIN SELECT RAISE(ABORT, 'refused'); END"));
    const before = store.ns('people').set('kept', { n: 1 });
    const batch = store.batch([
      { ns: 'drafts', key: 'good', value: { n: 2 } },
      { ns: 'drafts', key: 'bad', value: { n: 3 } },
    ]);
    const after = store.ns('people').set('also-kept', { n: 4 });
    await expect(batch).rejects.toBeInstanceOf(StoreError);
    expect(await before).toBe(true);
    expect(await after).toBe(true);
    expect(await store.ns('drafts').get('good')).toBeUndefined();
    expect(await store.ns('people').get('kept')).toEqual({ n: 1 });
    expect(await store.ns('people').get('also-kept')).toEqual({ n: 4 });
    db.close();
    await store.close();
  });

  it('a second connection of the same process (the CLI, the ballot box) writes while the store holds a turn open, instead of stalling', async () => {
    const url = `sqlite://${join(tempDir(), 'two.sqlite')}`;
    const bot = await openStore(url);
    const cli = await openStore(url);
    const first = bot.ns('people').set('bot', { by: 'bot' }); // holds the write lock until the turn ends
    const second = cli.ns('people').set('cli', { by: 'cli' });
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(await bot.ns('people').get('cli')).toEqual({ by: 'cli' });
    expect(await cli.ns('people').get('bot')).toEqual({ by: 'bot' });
    await cli.close();
    await bot.close();
  });
});
