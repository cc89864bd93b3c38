import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLASH } from '../../src/bot/adapters/slack/index.js';
import { FakeSlack, sectionText, slackUser } from '../helpers/fake-slack.js';

/** `npm start` with Slack variables: the whole process, as an operator runs it. */
let fake: FakeSlack;
let child: ChildProcess;
let port = 0;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-start-test',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
      STORE_URL: 'memory://',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  for await (const line of createInterface({ input: child.stderr! })) {
    const m = /"msg":"slack adapter started".*"port":(\d+)/.exec(line);
    if (m) {
      port = Number(m[1]);
      break;
    }
  }
  child.stderr!.resume();
});
afterAll(async () => {
  if (child?.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await fake?.stop();
});

describe('npm start with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET', () => {
  it('answers a signed /thidua trogiup in Vietnamese and refuses a forged one', async () => {
    expect(port).toBeGreaterThan(0);
    const u = slackUser(port, fake, 'USTART');
    const { id, res } = await u.command('trogiup');
    expect(res.status).toBe(200);
    const posted = await fake.until(() => fake.responses.find((r) => r.id === id)?.body);
    expect(sectionText(posted)).toContain('Các lệnh bạn có thể dùng');
    expect((await u.command('trogiup', { secret: 'forged-secret' })).res.status).toBe(401);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('slack-manifest.yaml', () => {
  const manifest = parse(readFileSync('slack-manifest.yaml', 'utf8'));
  it('declares the slash command, the scopes and the events the adapter uses', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([SLASH]);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:history', 'im:write', 'app_mentions:read', 'files:write', 'users:read']));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im']));
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
  });
});
