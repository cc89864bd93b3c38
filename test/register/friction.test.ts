import { readFileSync } from 'node:fs';
import { createKit } from '../../src/flows/register/kit.js';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { createApp, type App } from '../../src/app.js';
import { CONSOLE_CHAT, CONSOLE_USER, runConsole } from '../../src/bot/adapters/console/index.js';
import { matchChoice, readNumber } from '../../src/bot/input.js';
import { openStore } from '../../src/bot/store.js';
import { cli } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { Registrations } from '../../src/flows/register/records.js';
import { clock, joined, tempDir, testApp, user } from '../helpers/app.js';
import { dataDir, GOOD, recordConsole, texts } from './helpers.js';

/**
 * Issue #11: an officer finishes without friction. One block per point of the issue; each
 * fails on the code before the change.
 */
let app: App | undefined;
const extra: App[] = [];
afterEach(async () => {
  for (const a of extra.splice(0)) await a.close().catch(() => undefined);
  await app?.close();
  app = undefined;
});

async function officer(now = '2026-02-10T03:00:00Z') {
  const c = clock(now);
  app = await testApp({ now: c.now });
  const sent = recordConsole(app);
  return { u: await joined(app, 'o1', 'cuc-btp', 'officer'), c, sent, app };
}
const draftOf = async (a: App, year = 2026) => (await createKit(a.services).drafts.get(Registrations.key('cuc-btp', year)))!;

/** The console adapter on a stream, as `npm start` runs it; `write` may wait for output (`seen`) before typing on. */
async function consoleRun(a: App, write: (input: PassThrough, seen: (text: string) => Promise<void>) => Promise<void> | void, groupPastes = false): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (b) => (out += b.toString()));
  const done = runConsole(a, { input, output, interactive: false, groupPastes, filesDir: tempDir() });
  const seen = (text: string) => vi.waitFor(() => expect(out).toContain(text), { timeout: 5000 });
  await write(input, seen);
  input.end();
  await done;
  return out;
}

describe('#1 choices by name, without diacritics, by abbreviation, number or unique prefix', () => {
  it('takes the title’s own name in step 1, and says what it understood', async () => {
    const { u, app: a } = await officer();
    await u.say('/dangky');
    const t = await u.say('Tập thể lao động xuất sắc');
    expect(t).not.toContain('⚠️');
    expect(t).toContain('✔ Đã ghi nhận: Tập thể lao động xuất sắc (TTLĐXS)');
    expect(t).toContain('(2/9)');
    expect((await draftOf(a)).values.collective).toBe('ttldxs');
  });

  it.each([
    ['tap the lao dong xuat sac', 'ttldxs'],
    ['Cờ thi đua của Bộ', 'co-bo'],
    ['co thi dua nganh tu phap', 'co-bo'],
    ['Tập thể lao động x', 'ttldxs'],
    ['khong', 'none'],
  ])('"%s" → %s', async (typed, id) => {
    const { u, app: a } = await officer();
    await u.say('/dangky');
    expect(await u.say(typed)).toContain('(2/9)');
    expect((await draftOf(a)).values.collective).toBe(id);
  });

  it('an ambiguous or unknown answer names the candidates, or gives an example', async () => {
    const { u } = await officer();
    await u.say('/dangky');
    expect(await u.say('bằng khen')).toContain('"bằng khen" không khớp với mục nào trong danh sách. Hãy bấm một nút, hoặc gõ số thứ tự, tên (có dấu hay không dấu đều được) hay tên viết tắt — ví dụ 3 hoặc "TTLĐXS"');
    const amb = await u.say('tap the lao dong');
    expect(amb).toContain('"tap the lao dong" khớp với nhiều mục: Tập thể lao động xuất sắc (TTLĐXS); Tập thể lao động tiên tiến (TTLĐTT)');
    expect(amb).toContain('(1/9)');
    // The number and the abbreviation still work.
    expect(await u.say('4')).toContain('(2/9)');
    await u.say('quay lại');
    expect(await u.say('ttldtt')).toContain('(2/9)');
  });

  it('matchChoice: NFD input, aliases, brackets', () => {
    const choices = [
      { label: 'Cờ thi đua của Bộ (Cờ thi đua ngành Tư pháp)', value: 'co-bo', aliases: ['cờ bộ'] },
      { label: 'Tập thể lao động xuất sắc (TTLĐXS)', value: 'ttldxs' },
    ];
    expect(matchChoice(choices, 'Tập thể lao động xuất sắc'.normalize('NFD'))).toMatchObject({ ok: true, choice: { value: 'ttldxs' } });
    expect(matchChoice(choices, 'cờ thi đua ngành tư pháp')).toMatchObject({ ok: true, choice: { value: 'co-bo' } });
    expect(matchChoice(choices, 'CO BO')).toMatchObject({ ok: true, choice: { value: 'co-bo' } });
    expect(matchChoice(choices, 'x')).toMatchObject({ ok: false, why: 'none' });
  });
});

describe('#2 numbers read from text; people are whole', () => {
  it('"khoảng 25 người" and "20 người" are answers, "3,5" people is not', async () => {
    const { u, app: a } = await officer();
    for (const x of ['/dangky', 'TTLĐXS']) await u.say(x);
    let t = await u.say('khoảng 25 người');
    expect(t).toContain('✔ Đã ghi nhận: 25');
    expect(t).toContain('(3/9)');
    t = await u.say('3,5');
    expect(t).toContain('⚠️ Đã hiểu là 3,5 — số người phải là số nguyên (không có phần lẻ), ví dụ 2.');
    expect(t).toContain('(3/9)');
    expect(await u.say('20 người')).toContain('(4/9)');
    expect((await draftOf(a)).values).toMatchObject({ headcount: 25, 'n-ldtt': 20 });
    expect(await u.say('20 hoặc 21')).toContain('"20 hoặc 21" có nhiều số (20, 21) — hãy nhập một số, ví dụ 2.');
    expect(await u.say('75%')).toContain('Đã hiểu là 75% — ở đây cần số người, không phải tỷ lệ phần trăm');
  });

  it('/kiemtra: "75%" where a percentage is asked, "6 months" for months, and no 3.5 members', async () => {
    const { u } = await officer();
    await u.say('/kiemtra ttldxs');
    for (const x of ['có', 'có', 'có']) await u.say(x);
    let t = await u.say('75%');
    expect(t).not.toContain('⚠️');
    expect(t).toContain('Số thành viên đạt Chiến sĩ thi đua cơ sở?');
    t = await u.say('3,5');
    expect(t).toContain('Đã hiểu là 3,5 — số người phải là số nguyên');
    await u.say('/huy');
    await u.say('/kiemtra ldtt');
    for (const x of ['có', 'có']) await u.say(x);
    t = await u.say('6 months');
    expect(t).not.toContain('⚠️');
    expect(t).toContain('Lao động tiên tiến');
  });

  it('readNumber', () => {
    expect(readNumber('khoảng 25 người')).toEqual({ ok: true, value: 25, percent: false, exact: false });
    expect(readNumber('75%')).toMatchObject({ ok: true, value: 75, percent: true });
    expect(readNumber('1.200')).toMatchObject({ value: 1200, exact: true });
    expect(readNumber('95,5')).toMatchObject({ value: 95.5 });
    expect(readNumber('-3')).toMatchObject({ value: -3 });
    expect(readNumber('hai mươi')).toEqual({ ok: false, why: 'none' });
  });
});

describe('#3 targets: a text value, one at a time, multi-line input is one answer', () => {
  async function atTargets() {
    const r = await officer();
    for (const x of ['/dangky', ...GOOD.slice(0, 6)]) await r.u.say(x);
    return r;
  }

  it('a qualitative target is accepted and stored as text', async () => {
    const { u, app: a } = await atTargets();
    const t = await u.say('Thực hiện nhiệm vụ được giao; nhiệm vụ; hoàn thành xuất sắc | Hồ sơ giải quyết đúng hạn; %; 95,5%');
    expect(t).toContain('(8/9)');
    expect((await draftOf(a)).values.targets).toEqual([
      { content: 'Thực hiện nhiệm vụ được giao', unit: 'nhiệm vụ', value: 'hoàn thành xuất sắc' },
      { content: 'Hồ sơ giải quyết đúng hạn', unit: '%', value: 95.5 },
    ]);
  });

  it('adds, edits and removes one target without retyping the others (typed and with buttons)', async () => {
    const { u, app: a } = await atTargets();
    await u.say('A; hội nghị; 12 | B; %; 100');
    let t = await u.say('quay lại');
    expect(t).toContain('Hiện có 2 chỉ tiêu:\n  1. A; hội nghị; 12\n  2. B; %; 100');
    t = await u.say('thêm: C; lớp; 3');
    expect(t).toContain('✔ Đã thêm chỉ tiêu số 3.');
    t = await u.say('sửa 1: A; hội nghị; 14');
    expect(t).toContain('✔ Đã sửa chỉ tiêu số 1.');
    t = await u.say('xóa 2');
    expect(t).toContain('✔ Đã xóa chỉ tiêu số 2.');
    expect(await u.say('xóa 7')).toContain('Không có chỉ tiêu số 7 (hiện có 2).');
    // With buttons: pick one, then remove it; add one.
    await u.press('f:targets:pick');
    await u.press('f:targets:item:2');
    expect(texts(await u.press('f:targets:del:2'))).toContain('✔ Đã xóa chỉ tiêu số 2.');
    expect(texts(await u.press('f:targets:add'))).toContain('Nhập chỉ tiêu mới');
    expect(await u.say('D; văn bản; 5')).toContain('✔ Đã thêm chỉ tiêu số 2.');
    expect((await draftOf(a)).values.targets).toEqual([
      { content: 'A', unit: 'hội nghị', value: 14 },
      { content: 'D', unit: 'văn bản', value: 5 },
    ]);
    expect(await u.say('xong')).toContain('(8/9)');
  });

  it('the same works on one field opened from the review', async () => {
    const { u, app: a } = await officer();
    for (const x of ['/dangky', ...GOOD]) await u.say(x);
    await u.press('f:do:edit');
    expect(await u.say('chỉ tiêu')).toContain('Hiện có 2 chỉ tiêu');
    await u.say('xóa 1');
    const review = await u.say('xong');
    expect(review).toContain('Chỉ tiêu (1):\n  1. Hồ sơ giải quyết đúng hạn — 100 %');
    expect(((await draftOf(a)).values.targets as unknown[]).length).toBe(1);
  });

  it('lines pasted together in the terminal are one answer', async () => {
    const { app: a } = await officer();
    const inv = await a.services.people.createInvite('cuc-btp', 'officer', { now: a.services.now() });
    const out = await consoleRun(
      a,
      async (input, seen) => {
        // Typed one by one: each answer waits for the next question.
        const steps: [string, string][] = [[`/thamgia ${inv.code}`, 'Đã liên kết'], ['/dangky', '(1/9)'], ...GOOD.slice(0, 6).map((x, i): [string, string] => [x, `(${i + 2}/9)`])];
        for (const [x, next] of steps) {
          input.write(x + '\n');
          await seen(next);
        }
        // One paste: three lines in one chunk.
        input.write('A; hội nghị; 12\nB; %; 100\nC; lớp; 3\n');
        await seen('(8/9) Phong trào');
      },
      true,
    );
    expect(out).toContain('(8/9) Phong trào');
    expect(out).not.toContain('(9/9)');
    const d = await draftOf(a);
    expect(d.values.targets).toHaveLength(3);

  });

  it('in piped input a line ending with "\\" goes on with the next one', async () => {
    const { app: a } = await officer();
    const inv = await a.services.people.createInvite('cuc-btp', 'officer', { now: a.services.now() });
    const piped = await consoleRun(a, (input) => void input.write([`/thamgia ${inv.code}`, '/dangky', ...GOOD.slice(0, 6), 'E; hội nghị; 1 \\', 'F; lớp; 2', ''].join('\n')));
    expect(piped).toContain('(8/9) Phong trào');
    expect((await draftOf(a)).values.targets).toEqual([
      { content: 'E', unit: 'hội nghị', value: 1 },
      { content: 'F', unit: 'lớp', value: 2 },
    ]);
  });
});

describe('#4 after a restart the current step is shown again', () => {
  async function twoRuns() {
    const c = clock('2026-02-10T03:00:00Z');
    const config = loadConfig({ STORE_URL: 'memory://', LOG_LEVEL: 'silent' });
    const store = await openStore('memory://');
    const first = await createApp(config, { now: c.now, store });
    const me = user(first, CONSOLE_USER, { chatId: CONSOLE_CHAT });
    const inv = await first.services.people.createInvite('cuc-btp', 'officer', { now: c.now() });
    for (const x of [`/thamgia ${inv.code}`, '/dangky', 'TTLĐXS', '20']) await me.say(x);
    // The process stops; a new one starts on the same store.
    const second = await createApp(config, { now: c.now, store });
    extra.push(second);
    return { second, me: user(second, CONSOLE_USER, { chatId: CONSOLE_CHAT }) };
  }

  it('the console shows it at start-up', async () => {
    const { second } = await twoRuns();
    const out = await consoleRun(second, () => undefined);
    expect(out).toContain('↪️ Bạn đang dở "đăng ký thi đua". Tiếp tục từ bước này (/huy để dừng):');
    expect(out).toContain('(3/9) Số người đăng ký "Lao động tiên tiến (LĐTT)"');
  });

  it('the first message that does not answer it shows it after its own answer, once', async () => {
    const { me } = await twoRuns();
    const t = await me.say('/toi');
    expect(t).toContain('Đơn vị: Cục Bổ trợ tư pháp');
    expect(t).toMatch(/Bạn đang dở "đăng ký thi đua"[\s\S]*\(3\/9\)/);
    expect(await me.say('/toi')).not.toContain('Bạn đang dở');
    expect(await me.say('16')).toContain('(4/9)');
  });
});

describe('#5 the head is told, with buttons; notices name the right people', () => {
  it('a waiting registration is shown to the head on joining, with Duyệt / Trả lại', async () => {
    const { u, app: a } = await officer();
    for (const x of ['/dangky', ...GOOD]) await u.say(x);
    const sent = await u.say('gửi');
    expect(sent).toContain('Đơn vị chưa có thủ trưởng nào tham gia bot. Khi thủ trưởng tham gia (/thamgia), đăng ký chờ duyệt sẽ hiện ra ngay');
    const inv = await a.services.people.createInvite('cuc-btp', 'head', { now: a.services.now() });
    const replies = await user(a, 'h1').send(`/thamgia ${inv.code}`);
    expect(texts(replies)).toContain('📨 Có đăng ký thi đua đang chờ bạn duyệt:');
    expect(replies.at(-1)?.choices?.map((c) => c.value)).toEqual(['reg:approve:cuc-btp:2026:1', 'reg:return:cuc-btp:2026:1']);
    const done = texts(await user(a, 'h1').press('reg:approve:cuc-btp:2026:1'));
    expect(done).toContain('Đã thông báo cho: cán bộ đầu mối (terminal)');
  });

  it('a head who submits is offered the decision, not told that the unit has no head', async () => {
    const c = clock('2026-02-10T03:00:00Z');
    app = await testApp({ now: c.now });
    recordConsole(app);
    const head = await joined(app, 'h1', 'cuc-btp', 'head');
    for (const x of ['/dangky', ...GOOD]) await head.say(x);
    const [r] = await head.send('gửi');
    expect(r.text).toContain('Đã gửi đăng ký');
    expect(r.text).not.toContain('chưa có thủ trưởng');
    expect(r.text).toContain('Bạn là người duyệt đăng ký của đơn vị: có thể duyệt ngay hoặc trả lại.');
    expect(r.choices?.map((x) => x.value)).toEqual(['reg:approve:cuc-btp:2026:1', 'reg:return:cuc-btp:2026:1']);
  });

  it('the head hears it the moment it is sent, named without ids', async () => {
    const { u, app: a, sent } = await officer();
    await joined(a, 'h1', 'cuc-btp', 'head');
    for (const x of ['/dangky', ...GOOD, 'gửi']) await u.say(x);
    const toHead = sent.find((s) => s.chatId === 'chat-h1')!;
    expect(toHead.reply.text).toMatch(/^📨 Cán bộ đầu mối \(Cục Bổ trợ tư pháp\) đã gửi/);
    expect(toHead.reply.choices?.[0].value).toBe('reg:approve:cuc-btp:2026:1');
  });
});

describe('#6 one default year, stated in --help; the other year’s draft is mentioned', () => {
  it('/dangky xem for the default year points at the other year’s unfinished answers', async () => {
    const { u } = await officer('2026-11-30T03:00:00Z'); // the shipped calendar: 2027 is registered from here
    for (const x of ['/dangky 2026', 'TTLĐXS', '20', '/huy']) await u.say(x);
    const t = await u.say('/dangky xem');
    expect(t).toContain('Cục Bổ trợ tư pháp chưa có đăng ký thi đua năm 2027');
    expect(t).toContain('Có bản đang soạn dở cho năm 2026 (đã trả lời 2 mục');
    expect(t).toContain('gõ /dangky 2026 để tiếp tục');
    expect(await u.say('/dangky')).toContain('Có bản đang soạn dở cho năm 2026');
  });

  it('`thidua export` without --year uses the year /dangky uses, and --help says how', async () => {
    const now = new Date();
    const year = now.getUTCFullYear() + 1;
    const due = new Date(now.getTime() + 30 * 86400_000).toISOString().slice(0, 10);
    const data = dataDir(`deadlines:\n  - id: dk\n    year: ${year}\n    title: { vi: Đăng ký, en: Registration }\n    due: ${due}\n    completion: registration\n`);
    const out = join(tempDir(), 'x.xlsx');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const env = { ...process.env };
    try {
      Object.assign(process.env, { DATA_DIR: data, STORE_URL: 'memory://', LOG_LEVEL: 'silent' });
      expect(await cli(['export', '--out', out])).toBe(0);
      expect(String(err.mock.calls.map((c) => c[0]).join(''))).toContain(`Năm ${year} (mặc định: năm đang đăng ký`);
      expect(await cli(['export', '--help'])).toBe(0);
      expect(log.mock.calls.map((c) => c[0]).join('')).toContain('--year      default: the year being registered, as /dangky and /xuat use it');
    } finally {
      process.env = env;
      err.mockRestore();
      log.mockRestore();
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    expect(wb.worksheets[0].getCell('A1').value).toBe(`BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM ${year}`);
  });
});

describe('#7 the console demo: /vai switches the demo user’s role', () => {
  it('officer → head → cluster head → officer, from one terminal, demo store only', async () => {
    const c = clock('2026-02-10T03:00:00Z');
    app = await testApp({ now: c.now });
    const me = user(app, CONSOLE_USER, { chatId: CONSOLE_CHAT });
    const inv = await app.services.people.createInvite('don-vi-thu-nghiem', 'officer', { now: c.now() });
    await me.say(`/thamgia ${inv.code}`);
    expect(await me.say('/trogiup')).toContain('/vai — dùng thử: đổi vai trò');
    for (const x of ['/dangky', ...GOOD, 'gửi']) await me.say(x);
    const asHead = await me.send('/vai thu-truong');
    expect(texts(asHead)).toContain('🎭 Chế độ dùng thử: bạn đang là thủ trưởng đơn vị của Đơn vị thử nghiệm.');
    expect(asHead.at(-1)?.choices?.[0].value).toBe('reg:approve:don-vi-thu-nghiem:2026:1');
    expect(texts(await me.press('reg:approve:don-vi-thu-nghiem:2026:1'))).toContain('Đã duyệt');
    await me.say('/vai cluster-head');
    expect(await me.say('/tiendo')).toContain('✅ Đơn vị thử nghiệm — đã duyệt');
    expect(await me.say('/vai officer')).toContain('bạn đang là cán bộ đầu mối');
    expect((await app.services.people.get('console', CONSOLE_USER))?.role).toBe('officer');
    expect(await me.say('/vai')).toContain('Hiện tại: cán bộ đầu mối');

    // Not once a real unit has people, and never on a chat platform.
    await joined(app, 'real', 'cuc-btp', 'officer');
    expect(await me.say('/vai admin')).toContain('đã có người dùng của đơn vị thật');
    expect(texts(await app.runtime.handle({ platform: 'telegram', chatId: '5', userId: '5', chatType: 'private', text: '/vai admin' }))).toContain('chỉ dùng trong chế độ dùng thử trên terminal');
    expect((await app.services.people.get('console', CONSOLE_USER))?.role).toBe('officer');
  });

  it('the README names the demo unit and /vai', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('don-vi-thu-nghiem');
    expect(readme).toContain('/vai');
    expect(readme).not.toContain('../shared');
  });
});

describe('#8 both languages, no internal ids, local dates', () => {
  it('/me in English without a name; no "there"', async () => {
    const { u } = await officer();
    await u.say('/lang en');
    const t = await u.say('/me');
    expect(t).toContain('👤 Your profile');
    expect(t).toContain('Platform: terminal');
    expect(t).not.toContain('there');
  });

  it('acknowledgements and history name people, never console:…', async () => {
    const { u, app: a } = await officer();
    const head = await joined(a, 'h1', 'cuc-btp', 'head');
    for (const x of ['/dangky', ...GOOD]) await u.say(x);
    const out = [await u.say('gửi'), texts(await head.press('reg:approve:cuc-btp:2026:1')), await u.say('/dangky lichsu'), await head.say('/dangky xem')].join('\n');
    expect(out).not.toMatch(/console|\bo1\b|\bh1\b/);
    expect(out).toContain('v2 · 10/02/2026 10:00 · thủ trưởng đơn vị (Cục Bổ trợ tư pháp) · Duyệt');
  });

  it('an invite’s expiry in TZ_NAME, Vietnamese format, with the role in Vietnamese', async () => {
    const c = clock('2026-02-10T03:00:00Z');
    app = await testApp({ now: c.now });
    const admin = await joined(app, 'ad', 'vu-tccb', 'admin');
    const t = await admin.say('/moi cuc-btp thu-truong');
    expect(t).toContain('Mã mời cho Cục Bổ trợ tư pháp (thủ trưởng đơn vị)');
    expect(t).toContain('Hết hạn: 13/02/2026 10:00 (giờ Asia/Ho_Chi_Minh)');
    expect(t).not.toContain('UTC');
  });
});
