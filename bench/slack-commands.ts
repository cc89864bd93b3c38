/**
 * Slack slash commands under load: signed `/thidua trogiup` over HTTP → Bolt (signature check,
 * ack) → runtime → SQLite store (temp file) → answer posted to a local fake response_url.
 * Prints the time to the HTTP acknowledgement (Slack's 3 s limit) and to the delivered answer.
 * The fake Slack runs in this process, so the figures include its (small) cost.
 *   npx tsx bench/slack-commands.ts [--commands 2000] [--concurrency 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { startSlack } from '../src/bot/adapters/slack/index.js';
import { loadConfig } from '../src/config.js';
import { configureLog } from '../src/log.js';
import { FakeSlack, SIGNING_SECRET, slackUser } from '../test/helpers/fake-slack.js';

const { values: args } = parseArgs({ options: { commands: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '20' } } });
const N = Number(args.commands);
const C = Number(args.concurrency);
configureLog({ level: 'warn' });

const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-slack-'));
const fake = await new FakeSlack().start();
const app = await createApp(
  loadConfig({ STORE_URL: `sqlite://${join(dir, 'bench.sqlite')}`, LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/` }),
);
const adapter = await startSlack(app, { port: 0 });

const ack: number[] = [];
const answered: number[] = [];
const pending = new Map<string, number>();
let seen = 0;
const watcher = (async () => {
  while (answered.length < N) {
    await fake.until(() => fake.responses.length > seen);
    for (; seen < fake.responses.length; seen++) {
      const t0 = pending.get(fake.responses[seen].id);
      if (t0 !== undefined) answered.push(performance.now() - t0);
    }
  }
})();

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: C }, async (_, w) => {
    for (let i = next++; i < N; i = next++) {
      const user = slackUser(adapter.port!, fake, `UB${w}x${i % 50}`);
      const t0 = performance.now();
      const id = `c-${i}`;
      pending.set(id, t0);
      const { res } = await user.command('trogiup', { id });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      ack.push(performance.now() - t0);
    }
  }),
);
await watcher;
const seconds = (performance.now() - started) / 1000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))].toFixed(1);
console.log(`slack /thidua trogiup: ${N} commands, concurrency ${C}, ${(N / seconds).toFixed(0)} commands/s`);
console.log(`  ack (HTTP 200):      p50 ${pct(ack, 50)} ms  p95 ${pct(ack, 95)} ms  p99 ${pct(ack, 99)} ms  max ${pct(ack, 100)} ms`);
console.log(`  answer delivered:    p50 ${pct(answered, 50)} ms  p95 ${pct(answered, 95)} ms  p99 ${pct(answered, 99)} ms  max ${pct(answered, 100)} ms`);

await adapter.stop();
await app.close();
await fake.stop();
rmSync(dir, { recursive: true, force: true });
