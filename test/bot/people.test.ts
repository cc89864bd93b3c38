import { describe, expect, it } from 'vitest';
import { clock } from '../helpers/app.js';
import { engine } from '../helpers/runtime.js';
import { access } from '../../src/bot/people.js';

describe('invites and people', () => {
  it('binds a person with a one-time code and shows it with /toi', async () => {
    const { talk, services } = await engine();
    const inv = await services.people.createInvite('cuc-hctp', 'officer', { now: new Date() });
    const u = talk('alice');
    expect(await u.say('/toi')).toContain('chưa tham gia đơn vị');
    expect(await u.say(`/start ${inv.code.toLowerCase()}`)).toContain('Đã liên kết bạn với Cục Hành chính tư pháp');
    const me = await u.say('/toi');
    expect(me).toContain('Cục Hành chính tư pháp');
    expect(me).toContain('cán bộ đầu mối');
  });

  it('refuses a wrong, a reused and an expired code with clear messages', async () => {
    const c = clock();
    const { talk, services } = await engine({ now: c.now });
    expect(await talk('a').say('/thamgia ZZZZ2222')).toContain('không đúng');
    expect(await talk('a').say('/thamgia <script>')).toContain('không đúng');
    const inv = await services.people.createInvite('vu-htqt', 'head', { now: c.now() });
    expect(await talk('a').say(`/thamgia ${inv.code}`)).toContain('✅');
    expect(await talk('b').say(`/thamgia ${inv.code}`)).toContain('đã được sử dụng');
    const old = await services.people.createInvite('vu-htqt', 'officer', { now: c.now(), ttlHours: 1 });
    c.advance(2 * 3600_000);
    expect(await talk('c').say(`/thamgia ${old.code}`)).toContain('đã hết hạn');
    expect(await services.people.get('console', 'c')).toBeUndefined();
  });

  it('lets exactly one of two people racing for the same code join', async () => {
    const { talk, services } = await engine();
    const inv = await services.people.createInvite('cuc-btp', 'officer', { now: new Date() });
    const results = await Promise.all(['p1', 'p2', 'p3'].map((id) => talk(id).say(`/thamgia ${inv.code}`)));
    expect(results.filter((r) => r.includes('✅'))).toHaveLength(1);
    expect((await services.people.list()).length).toBe(1);
  });

  it('keeps a person of unit A out of unit B', async () => {
    const { services } = await engine();
    const inv = await services.people.createInvite('cuc-btp', 'head', { now: new Date() });
    const r = await services.people.join(inv.code, { platform: 'console', userId: 'h', chatId: 'h' }, new Date());
    if (!r.ok) throw new Error('join failed');
    const p = r.person;
    expect(access.canEditUnit(p, 'cuc-btp')).toBe(true);
    expect(access.canApproveUnit(p, 'cuc-btp')).toBe(true);
    expect(access.canEditUnit(p, 'cuc-hctp')).toBe(false);
    expect(access.canApproveUnit(p, 'cuc-hctp')).toBe(false);
    expect(access.canViewUnit(p, 'cuc-hctp', services.units)).toBe(false);
    const clusterHead = { ...p, role: 'cluster-head' as const };
    expect(access.canViewUnit(clusterHead, 'cuc-hctp', services.units)).toBe(true);
    expect(access.canViewUnit(clusterHead, 'don-vi-thu-nghiem', services.units)).toBe(false);
    expect(access.canEditUnit(clusterHead, 'cuc-hctp')).toBe(false);
  });

  it('only lets admins create invites in chat, whatever the message claims', async () => {
    const { talk, services } = await engine();
    const officer = await services.people.createInvite('cuc-btp', 'officer', { now: new Date() });
    const u = talk('o');
    await u.say(`/thamgia ${officer.code}`);
    expect(await u.say('/moi cuc-hctp admin')).toContain('Chỉ quản trị viên');
    const admin = await services.people.createInvite('vu-tccb', 'admin', { now: new Date() });
    const a = talk('adm');
    await a.say(`/thamgia ${admin.code}`);
    const made = await a.say('/moi cuc-hctp head');
    const code = /[A-HJ-NP-Z2-9]{8}/.exec(made.split('\n')[0])?.[0];
    expect(code).toBeDefined();
    expect(await talk('new').say(`/thamgia ${code}`)).toContain('thủ trưởng đơn vị');
  });

  it('switches language with /ngonngu and keeps it', async () => {
    const { talk } = await engine();
    const u = talk('l');
    const r = await u.replies('/ngonngu');
    expect(r[0].choices?.map((c) => c.label)).toEqual(['Tiếng Việt', 'English']);
    expect(await u.press('lang:en')).toBe('Language set to English.');
    expect(await u.say('/help')).toContain('Commands you can use');
    expect(await u.press('lang:xx')).toContain('Choose a language');
  });
});
