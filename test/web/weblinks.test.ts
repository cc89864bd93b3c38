import { describe, expect, it } from 'vitest';
import { clock, joined, testApp } from '../helpers/app.js';
import { LINK_TTL_MS, WebLinks } from '../../src/bot/weblinks.js';

describe('one-time sign-in links', () => {
  it('/web sends a link that works once and only for ten minutes', async () => {
    const c = clock();
    const app = await testApp({ now: c.now, env: { WEB_BASE_URL: 'https://thidua.example.gov.vn' } });
    const officer = await joined(app, 'off', 'cuc-btp', 'officer');
    const [r] = await officer.send('/web');
    const token = /\/app\/login\?t=([\w-]{43})/.exec(r.text)?.[1];
    expect(r.text).toContain('https://thidua.example.gov.vn/app/login?t=');
    expect(token).toBeDefined();
    const links = new WebLinks(app.store);
    expect(await links.consume(token!, c.now())).toMatchObject({ ok: true, subject: { kind: 'person', person: 'console:off' } });
    expect(await links.consume(token!, c.now())).toEqual({ ok: false, reason: 'used' });

    const late = await links.create({ kind: 'operator' }, c.now(), 'cli');
    c.advance(LINK_TTL_MS + 1);
    expect(await links.consume(late.token, c.now())).toEqual({ ok: false, reason: 'expired' });
    expect(await links.consume('x'.repeat(43), c.now())).toEqual({ ok: false, reason: 'unknown' });
    await app.close();
  });
});
