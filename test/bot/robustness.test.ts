import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config.js';
import { configureLog, logger } from '../../src/log.js';
import { MAX_INPUT_CHARS } from '../../src/bot/runtime.js';
import { engine } from '../helpers/runtime.js';

describe('configuration', () => {
  it('names the variable and what is expected in one line', () => {
    const bad = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(bad({ STORE_URL: 'nonsense://x' })).toMatch(/^Configuration error: STORE_URL must be sqlite:\/\/PATH/);
    expect(bad({ PORT: 'abc' })).toContain('PORT');
    expect(bad({ TZ_NAME: 'Mars/Base' })).toContain('TZ_NAME');
    expect(bad({ TELEGRAM_WEBHOOK_URL: 'https://x.example/tg' })).toContain('TELEGRAM_WEBHOOK_SECRET is required');
    const secret = bad({ TELEGRAM_BOT_TOKEN: 'not-a-token-value' });
    expect(secret).toContain('TELEGRAM_BOT_TOKEN');
    expect(secret).not.toContain('not-a-token-value');
    expect(bad({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_SIGNING_SECRET');
  });

  it('never echoes the password of a mistyped STORE_URL', () => {
    for (const url of ['redis//:s3cr3t-pw@cache.local:6379', 'redis:/admin:s3cr3t-pw@cache.local', 'postgres://admin:s3cr3t-pw@db/x']) {
      let message = '';
      try {
        loadConfig({ STORE_URL: url });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('STORE_URL');
      expect(message).not.toContain('s3cr3t-pw');
    }
  });

  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.STORE_URL).toBe('sqlite://./var/thidua.sqlite');
    expect(c.TZ_NAME).toBe('Asia/Ho_Chi_Minh');
    expect(c.PORT).toBe(3000);
  });
});

describe('logging', () => {
  it('never writes a token or secret', () => {
    const lines: string[] = [];
    configureLog({ level: 'debug', secrets: ['123456:SECRET-TOKEN-xyz'], sink: (l) => lines.push(l) });
    const log = logger('t');
    log.error('failed calling https://api.telegram.org/bot123456:SECRET-TOKEN-xyz/sendMessage', { apiKey: 'sk-abc', nested: { authorization: 'Bearer q' } });
    configureLog({ level: 'silent', sink: () => undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('SECRET-TOKEN');
    expect(lines[0]).not.toContain('sk-abc');
    expect(lines[0]).not.toContain('Bearer');
  });

  it('masks the credentials of any URL in a message or a field', () => {
    const lines: string[] = [];
    configureLog({ level: 'debug', sink: (l) => lines.push(l) });
    logger('t').error('cannot reach rediss://admin:pa55-word@cache.local:6380/0', { error: new Error('connect to redis://:pa55-word@10.0.0.5 failed'), url: 'sqlite://x?password=pa55-word' });
    configureLog({ level: 'silent', sink: () => undefined });
    expect(lines[0]).toContain('cache.local');
    expect(lines[0]).not.toContain('pa55-word');
  });
});

describe('bad input', () => {
  it('refuses oversized text with a reason and keeps working', async () => {
    const { talk } = await engine();
    const u = talk();
    expect(await u.say('x'.repeat(MAX_INPUT_CHARS + 1))).toContain('quá dài');
    expect(await u.say('/start')).toContain('Xin chào');
  });

  it('answers unknown commands and buttons politely', async () => {
    const { talk } = await engine();
    const u = talk();
    expect(await u.say('/khongco')).toContain('Không có lệnh /khongco');
    expect(await u.press('zzz:1')).toContain('không còn hiệu lực');
    expect(await u.press('f:title:x')).toContain('không còn hiệu lực');
  });

  it('reports a corrupt stored record clearly instead of crashing', async () => {
    const { talk, store } = await engine();
    await store.ns('people').set('console:u1', { platform: 'console', userId: 'u1', role: 'emperor' });
    const r = await talk('u1').say('/toi');
    expect(r).toContain('bị lỗi');
    expect(r).toContain('people/console:u1');
    // Another person is unaffected, and the incident is in the audit log.
    expect(await talk('u2').say('/start')).toContain('Xin chào');
    const audit: unknown[] = [];
    for await (const [, v] of store.ns('audit').iterator!(undefined as never)) audit.push(v);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'corrupt-record', key: 'console:u1' }));
  });

  it('never posts personal data in a group chat', async () => {
    const { runtime, services } = await engine();
    const inv = await services.people.createInvite('cuc-btp', 'officer', { now: new Date() });
    await runtime.handle({ platform: 'console', chatId: 'dm', userId: 'g', text: `/thamgia ${inv.code}` });
    const r = await runtime.handle({ platform: 'console', chatId: 'group-1', userId: 'g', chatType: 'group', text: '/toi' });
    expect(r.map((x) => x.text).join()).toContain('nhắn riêng');
    expect(r.map((x) => x.text).join()).not.toContain('Cục Bổ trợ tư pháp');
  });
});
