import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { fileFromLine } from '../../src/bot/adapters/console/index.js';
import type { IncomingFile } from '../../src/bot/types.js';
import { announce, closeDue } from '../../src/flows/review/ballot-service.js';
import { createReviewKit } from '../../src/flows/review/kit.js';
import { Reminders } from '../../src/flows/reminders/scheduler.js';
import { clock, joined, tempDir, testApp, user } from '../helpers/app.js';
import { recordConsole } from '../register/helpers.js';
import { answers, cluster, pdfFile, texts, UNITS } from './helpers.js';

const BALLOT = 'cum-3.2026.co-nganh';
const kitOf = (app: App) => createReviewKit(app.services);
const fileMsg = (app: App, id: string, file: IncomingFile) => app.runtime.handle({ platform: 'console', chatId: `chat-${id}`, userId: id, chatType: 'private', file });
const bytesFile = (name: string, bytes: Buffer, size?: number): IncomingFile => ({ name, size: size ?? bytes.length, fetch: async () => new Uint8Array(bytes) });

/** Fills in and sends a unit's self-assessment as its head, then approves it. */
async function assess(app: App, heads: Awaited<ReturnType<typeof cluster>>, u: string, approve = true) {
  const h = heads[u];
  await h.say('/binhxet 2026');
  for (const a of answers(u)) await h.say(a);
  await fileMsg(app, h.id, fileFromLine('@' + pdfFile()).file!);
  expect(await h.say('gửi')).toContain('✅ Đã gửi bản tự đánh giá');
  if (approve) expect(texts(await h.press(`rvd:approve:${u}:2026:1`))).toContain('✅ Đã duyệt');
}

/** The cluster head opens the sector-flag ballot with the given candidates, closing 20/01/2027 17:00. */
async function openBallot(heads: Awaited<ReturnType<typeof cluster>>, candidates = '1,2,3') {
  const ch = heads[UNITS[0]];
  await ch.say('/bophieu mo 2026 co-nganh');
  await ch.say(candidates);
  await ch.say('20/01/2027 17:00');
  expect(await ch.say('mở phiếu')).toContain('🗳 Đã mở phiếu "Cờ thi đua ngành Tư pháp" năm 2026');
}

/** Votes for the person's unit: one answer per candidate, then "gửi phiếu". */
async function vote(u: ReturnType<typeof user>, choices: string[]) {
  await u.say('/bophieu');
  for (const c of choices) await u.say(c);
  return u.say('gửi phiếu');
}

describe('self-assessment (/binhxet)', () => {
  it('checks each answer, keeps the report by name, size and checksum, refuses unexpected files with the reason', async () => {
    const c = clock('2027-01-10T02:00:00Z');
    const app = await testApp({ now: c.now });
    recordConsole(app);
    const o = await joined(app, 'o1', 'cuc-hctp', 'officer');
    expect(await o.say('/binhxet 2026')).toContain('8 tiêu chí, tối đa 100 điểm');
    expect(await o.say('35; quá điểm')).toContain('Điểm tối đa của tiêu chí này là 30');
    expect(await o.say('25')).toContain('Thiếu ghi chú minh chứng');
    expect(await o.say('hai mươi lăm; abc')).toContain('Gõ "điểm; ghi chú minh chứng"');
    expect(await o.say('25,5 - Hoàn thành 92% kế hoạch')).toContain('(2/8)');
    for (const a of answers('cuc-hctp').slice(1)) await o.say(a);
    // Refused files: the reason is said, nothing is kept.
    expect(texts(await fileMsg(app, 'o1', bytesFile('setup.exe', Buffer.from('MZ\x90\x00'))))).toContain('loại tệp ".exe" không được nhận; chỉ nhận .pdf, .doc, .docx, .odt');
    expect(texts(await fileMsg(app, 'o1', bytesFile('bao-cao.pdf', Buffer.from('MZ\x90\x00this is a program'))))).toContain('nội dung tệp không phải tệp .pdf');
    expect(texts(await fileMsg(app, 'o1', bytesFile('bao-cao.pdf', Buffer.alloc(0), 0)))).toContain('tệp rỗng');
    const big = texts(await fileMsg(app, 'o1', { name: 'bao-cao.pdf', size: 25 * 1024 * 1024, fetch: async () => { throw new Error('must not be read'); } }));
    expect(big).toContain('tệp 25 MB, quá 10 MB cho phép');
    expect(await kitOf(app).records.files.list()).toEqual([]);
    const good = texts(await fileMsg(app, 'o1', fileFromLine('@' + pdfFile()).file!));
    expect(good).toMatch(/📎 Đã nhận "bao-cao-tong-ket-2026\.pdf" \(2 KB, SHA-256 [0-9a-f]{12}…\)/);
    expect(good).toContain('Tổng điểm tự chấm: 78,5/100');
    const sent = await o.say('gui');
    expect(sent).toContain('✅ Đã gửi bản tự đánh giá năm 2026 của Cục Hành chính tư pháp (78,5/100 điểm, phiên bản 1)');
    const sa = await kitOf(app).records.getSa(2026, 'cuc-hctp');
    expect(sa?.report).toMatchObject({ name: 'bao-cao-tong-ket-2026.pdf', size: 2009, mime: 'application/pdf' });
    expect(sa?.report?.sha256).toMatch(/^[0-9a-f]{64}$/);
    await app.close();
  });

  it('is saved after every step: a restart (a new process on the same SQLite file) resumes where it stopped', async () => {
    const store = `sqlite://${join(tempDir(), 'r.sqlite')}`;
    const c = clock('2027-01-10T02:00:00Z');
    const a = await testApp({ now: c.now, env: { STORE_URL: store } });
    const o = await joined(a, 'o1', 'cuc-btp', 'officer');
    await o.say('/binhxet 2026');
    await o.say('28; báo cáo 12/BC');
    await o.say('18; 5 đề án đã trình');
    await a.close();
    const b = await testApp({ now: c.now, env: { STORE_URL: store } });
    const again = user(b, 'o1');
    const r = await again.say('/binhxet 2026');
    expect(r).toContain('Tiếp tục bản đang soạn dở');
    expect(r).toContain('(3/8) 2.1');
    await b.close();
  });

  it('officer sends, the head is told with buttons and approves, or returns it with a comment; English works too', async () => {
    const c = clock('2027-01-10T02:00:00Z');
    const app = await testApp({ now: c.now });
    const sent = recordConsole(app);
    const o = await joined(app, 'o1', 'cuc-btp', 'officer');
    const h = await joined(app, 'h1', 'cuc-btp', 'head');
    await o.say('/binhxet 2026');
    for (const a of answers('cuc-btp')) await o.say(a);
    await o.say('-'); // the report later
    const review = await o.say('x');
    expect(review).toContain('❌ Chưa đính kèm báo cáo tổng kết (bắt buộc).');
    expect(await o.say('gửi')).toContain('Chưa gửi được: còn thiếu mục bắt buộc');
    await fileMsg(app, 'o1', fileFromLine('@' + pdfFile()).file!);
    expect(await o.say('gửi')).toContain('Đã thông báo cho: h1 (console)');
    const notice = sent.find((s) => s.chatId === 'chat-h1')!.reply;
    expect(notice.text).toContain('📨 o1 đã gửi bản tự đánh giá thi đua năm 2026 của Cục Bổ trợ tư pháp: 91/100 điểm');
    expect(notice.choices?.map((x) => x.value)).toEqual(['rvd:approve:cuc-btp:2026:1', 'rvd:return:cuc-btp:2026:1']);
    // The officer cannot approve, whatever the button says.
    expect(texts(await o.press('rvd:approve:cuc-btp:2026:1'))).toContain('Bạn không có quyền duyệt');
    expect(texts(await h.press('rvd:return:cuc-btp:2026:1'))).toContain('nhập ý kiến');
    expect(await h.say('Bổ sung số liệu mục 1.2')).toContain('↩️ Đã trả lại');
    expect(sent.at(-1)!.reply.text).toContain('Ý kiến: Bổ sung số liệu mục 1.2');
    // A stale button (the returned version) does nothing.
    expect(texts(await h.press('rvd:approve:cuc-btp:2026:1'))).toContain('không có gì để duyệt');

    await app.runtime.setLocale({ platform: 'console', userId: 'o1' }, 'en');
    const en = await o.say('/review 2026');
    expect(en).toContain('Year-end self-assessment 2026 of Department of Judicial Support');
    expect(en).toContain('The self-assessment was returned. Comment: Bổ sung số liệu mục 1.2');
    await app.close();
  });

  it('late units are reminded through the reminder engine until their self-assessment is sent', async () => {
    const c = clock('2027-01-15T01:30:00Z'); // 08:30 on the due day
    const app = await testApp({ now: c.now });
    const sent = recordConsole(app);
    const heads = await cluster(app);
    await assess(app, heads, 'cuc-btp');
    const r = Reminders.load(app.services);
    const d = r.deadline('rv-cum-3-2026')!;
    expect(d).toMatchObject({ completion: 'review', due: '2027-01-15 17:00', audience: { clusters: ['cum-3'] } });
    await r.tick(c.now());
    const reminded = sent.filter((s) => s.reply.text.startsWith('⏰ Nhắc hạn: Gửi bản tự đánh giá')).map((s) => s.chatId);
    expect(reminded.sort()).toEqual(UNITS.filter((u) => u !== 'cuc-btp').map((u) => `chat-head-${u}`).sort());
    expect(sent.find((s) => s.chatId === 'chat-head-cuc-hctp' && s.reply.text.startsWith('⏰'))!.reply.text).toContain('Gõ /binhxet để làm.');
    expect(sent.filter((s) => s.chatId === 'chat-head-cuc-hctp' && s.reply.text.startsWith('⏰'))).toHaveLength(1);
    await r.tick(c.now()); // never twice
    expect(sent.filter((s) => s.reply.text.startsWith('⏰ Nhắc hạn: Gửi bản tự đánh giá'))).toHaveLength(5);
    await app.close();
  });
});

describe('secret ballot (/bophieu)', () => {
  it('only the cluster head opens, with candidates of the cluster and a closing time ahead; the ranking proposes them', async () => {
    const c = clock('2027-01-16T02:00:00Z');
    const app = await testApp({ now: c.now });
    recordConsole(app);
    const heads = await cluster(app);
    for (const u of UNITS.slice(0, 4)) await assess(app, heads, u);
    expect(await heads['cuc-btp'].say('/bophieu mo 2026')).toContain('Chỉ Cụm trưởng (hoặc quản trị) mới mở');
    const other = await joined(app, 'ch2', 'vu-tccb', 'cluster-head'); // cluster head of another cluster
    expect(await other.say('/bophieu mo 2026 cum-3')).toContain('Chỉ Cụm trưởng');
    const ch = heads[UNITS[0]];
    const rank = await ch.say('/binhxet xephang 2026');
    expect(rank).toContain('(4/6 đơn vị đã gửi)');
    expect(rank).toMatch(/— Cục Hành chính tư pháp — chưa có/);
    expect(rank).toContain('⚠️ Bảng chấm điểm, ngày và ngưỡng bỏ phiếu năm 2026 là BẢN MẪU');
    const start = await ch.say('/bophieu mo 2026');
    expect(start).toContain('(1/3) Danh hiệu suy tôn');
    const cands = await ch.say('co thi dua nganh tu phap');
    expect(cands).toContain('Đề xuất theo xếp hạng: Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý; Cục Bổ trợ tư pháp; Cục Quản lý Thi hành án dân sự.');
    await ch.say('=');
    expect(await ch.say('15/01/2027 17:00')).toContain('Thời điểm đóng phiếu phải ở tương lai');
    expect(await ch.say('31/02/2027 17:00')).toContain('Không đọc được thời điểm');
    const confirm = await ch.say('20/01/2027 17:00');
    expect(confirm).toContain('Điều kiện: bỏ phiếu hợp lệ khi có 2/3 đơn vị thành viên bỏ phiếu (ít nhất 4/6)');
    expect(confirm).toContain('Nguồn ngưỡng: Ngưỡng mẫu để chạy thử, chưa phải quy định');
    expect(await ch.say('mở')).toContain('🗳 Đã mở phiếu');
    // One vote per title; self-assessments are locked from now on.
    await ch.say('/bophieu mo 2026 co-nganh');
    await ch.say('1');
    await ch.say('20/01/2027 17:00');
    expect(await ch.say('mở')).toContain('đã được mở trước đó');
    expect(await heads['cuc-hctp'].say('/binhxet 2026')).toContain('🔒 Cụm đã mở bỏ phiếu năm 2026');
    await app.close();
  });

  it('each unit casts one secret ballot: head or named representative; strangers, other clusters, officers, late ballots are refused', async () => {
    const c = clock('2027-01-16T02:00:00Z');
    const app = await testApp({ now: c.now });
    const sent = recordConsole(app);
    const heads = await cluster(app);
    for (const u of UNITS) await assess(app, heads, u);
    await openBallot(heads);
    const kit = kitOf(app);
    await announce(kit, c.now());
    const notice = sent.find((s) => s.chatId === 'chat-head-cuc-hctp' && s.reply.text.includes('Cụm trưởng đã mở phiếu'))!;
    expect(notice.reply.choices).toEqual([{ label: '🗳 Bỏ phiếu', value: `rvv:${BALLOT}` }]);

    const officer = await joined(app, 'o-btp', 'cuc-btp', 'officer');
    expect(await officer.say('/bophieu')).toContain('Chỉ thủ trưởng Cục Bổ trợ tư pháp hoặc người được thủ trưởng cử');
    const stranger = user(app, 'nobody');
    expect(await stranger.say('/bophieu')).toContain('Bạn chưa tham gia đơn vị nào');
    const outsider = await joined(app, 'h-tccb', 'vu-tccb', 'head');
    expect(texts(await outsider.press(`rvv:${BALLOT}`))).toContain('Đơn vị của bạn (Vụ Tổ chức cán bộ) không thuộc Cụm thi đua số III');
    expect(texts(await outsider.press('rvv:cum-3.2026.khong-co'))).toContain('Không tìm thấy phiếu này');

    // The head names the officer; then both are voters of the unit — and the unit votes once.
    const delegate = await heads['cuc-btp'].send('/bophieu uyquyen 2026');
    const pick = delegate[0].choices!.find((x) => x.value.endsWith(':console:o-btp'))!;
    expect(texts(await heads['cuc-btp'].press(pick.value))).toContain('✅ Đã cử o-btp bỏ phiếu');
    expect(texts(await officer.press('rv:rep:2026:console:o-btp'))).toContain('Chỉ thủ trưởng đơn vị mới cử');

    // Buttons, typed words with and without diacritics, option numbers.
    expect(await heads['cuc-hctp'].say('/bophieu')).toContain('Không ai, kể cả Cụm trưởng và quản trị, xem được');
    expect(texts(await heads['cuc-hctp'].press('f:c0:yes'))).toContain('Ứng viên: Cục Bổ trợ tư pháp');
    expect(await heads['cuc-hctp'].say('có lẽ')).toContain('Trả lời "Đồng ý" hoặc "Không đồng ý"');
    await heads['cuc-hctp'].say('Đồng ý');
    const review = await heads['cuc-hctp'].say('khong dong y');
    expect(review).toContain('• Cục Quản lý Thi hành án dân sự: Không đồng ý');
    expect(await heads['cuc-hctp'].say('gui phieu')).toContain('✅ Đã gửi phiếu của Cục Hành chính tư pháp');
    expect(await heads['cuc-hctp'].say('/bophieu')).toContain('Cục Hành chính tư pháp đã bỏ phiếu ở tất cả các phiếu đang mở');

    // Two devices of one unit at once: both reach "Gửi phiếu", one is counted.
    for (const u of [heads['cuc-btp'], officer]) {
      await u.say('/bophieu');
      for (const a of ['dong y', 'dong y', 'dong y']) await u.say(a);
    }
    const both = await Promise.all([heads['cuc-btp'].say('gửi phiếu'), officer.say('gửi phiếu')]);
    expect(both.filter((t) => t.includes('✅ Đã gửi phiếu'))).toHaveLength(1);
    expect(both.filter((t) => t.includes('đã bỏ phiếu cho "Cờ thi đua ngành Tư pháp" năm 2026'))).toHaveLength(1);

    // The cluster head sees who voted, never how; no counts before closing.
    const status = await heads[UNITS[0]].say('/bophieu xem 2026');
    expect(status).toContain('Đã bỏ phiếu (2/6): Cục Bổ trợ tư pháp; Cục Hành chính tư pháp');
    expect(status).not.toMatch(/đồng ý,/);
    expect(await heads['vu-htqt'].say('/bophieu xem 2026')).toContain('Vụ Hợp tác quốc tế: chưa bỏ phiếu');

    // A vote racing the closing is either counted or refused — never silently lost.
    await heads['vu-htqt'].say('/bophieu');
    for (const a of ['1', '1', '1']) await heads['vu-htqt'].say(a);
    const [raced] = await Promise.all([heads['vu-htqt'].say('gửi phiếu'), heads[UNITS[0]].press(`rv:closeok:${BALLOT}`)]);
    const counted = raced.includes('✅ Đã gửi phiếu');
    expect(counted || raced.includes('đã đóng lúc')).toBe(true);
    const b = (await kit.records.getBallot(BALLOT))!;
    expect(b.state).toBe('closed');
    expect(b.result!.voted).toBe(counted ? 3 : 2);
    expect(b.result!.quorumMet).toBe(false); // 2 or 3 of 6 < 2/3
    expect(b.result!.candidates.every((x) => !x.passed)).toBe(true);
    // After closing: refused politely.
    await heads['cuc-qlthads'].say('/bophieu');
    expect(texts(await heads['cuc-qlthads'].press(`rvv:${BALLOT}`))).toContain('đã đóng lúc');
    await app.close();
  });

  it('closes by itself at its time; results go to every member once; nothing links a unit to its choices (SQLite)', async () => {
    const store = `sqlite://${join(tempDir(), 'secret.sqlite')}`;
    const c = clock('2027-01-16T02:00:00Z');
    const app = await testApp({ now: c.now, env: { STORE_URL: store } });
    const sent = recordConsole(app);
    const heads = await cluster(app);
    for (const u of UNITS) await assess(app, heads, u);
    await openBallot(heads);
    for (const [i, u] of UNITS.entries()) expect(await vote(heads[u], ['dong y', i < 5 ? 'dong y' : 'khong', i < 4 ? 'co' : 'khong'])).toContain('✅ Đã gửi phiếu');
    const kit = kitOf(app);
    c.set('2027-01-20T10:00:30Z'); // 17:00:30 local
    expect((await closeDue(kit, c.now())).map((b) => b.id)).toEqual([BALLOT]);
    await announce(kit, c.now());
    await announce(kit, c.now()); // a second pass sends nothing again
    const results = sent.filter((s) => s.reply.text.startsWith('📊 Kết quả bỏ phiếu kín'));
    expect(results.map((s) => s.chatId).sort()).toEqual(UNITS.map((u) => `chat-head-${u}`).sort());
    const text = results[0].reply.text;
    expect(text).toContain('Số đơn vị bỏ phiếu: 6/6 (đủ tỷ lệ 2/3).');
    expect(text).toContain('• Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý: 6 đồng ý, 0 không đồng ý (100%) — ✅ đạt');
    expect(text).toContain('• Cục Bổ trợ tư pháp: 5 đồng ý, 1 không đồng ý (83,3%) — ✅ đạt');
    expect(text).toContain('• Cục Quản lý Thi hành án dân sự: 4 đồng ý, 2 không đồng ý (66,7%) — ❌ không đạt');
    expect(text).toContain('Cần ít nhất 5 phiếu "Đồng ý" để đạt.');

    // The Government flag is proposed among the units that passed the sector-flag vote.
    const ch = heads[UNITS[0]];
    const cp = await ch.send('/bophieu mo 2026 co-cp');
    expect(texts(cp)).toContain('Đề xuất trong số đơn vị đạt "Cờ thi đua ngành Tư pháp": Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý.');
    await ch.say('/huy');

    const minutes = await ch.send('/binhxet bienban 2026');
    expect(minutes[0].file?.name).toBe('bien-ban-binh-xet-cum-3-2026.docx');
    await app.close();

    // Raw database: per ballot only (unit) rows of who voted and (candidate, yes, no) counters;
    // no session, audit entry or other record holds a unit's choices.
    const db = new Database(store.slice('sqlite://'.length));
    const all = async <T>(sql: string) => db.prepare(sql).all() as T[];
    expect((await all<{ name: string }>("SELECT name FROM pragma_table_info('review_voted')")).map((r) => r.name)).toEqual(['ballot', 'unit']);
    expect((await all<{ unit: string }>(`SELECT unit FROM review_voted WHERE ballot = '${BALLOT}'`)).map((r) => r.unit)).toEqual([...UNITS].sort());
    const rows = await all<{ key: string; value: string }>('SELECT key, value FROM keyv');
    expect(rows.filter((r) => r.key.startsWith('sessions:'))).toEqual([]);
    for (const r of rows) expect(r.value).not.toMatch(/"c[0-9]":"(yes|no)"|"choices"/);
    const cast = rows.filter((r) => r.key.startsWith('audit:') && r.value.includes('ballot-cast'));
    expect(cast).toHaveLength(6);
    for (const r of cast) expect(Object.keys(JSON.parse(r.value).value ?? JSON.parse(r.value)).sort()).toEqual(expect.arrayContaining(['action', 'actor', 'at', 'ballot', 'unitId']));
    db.close();
    expect(readFileSync(store.slice('sqlite://'.length)).length).toBeGreaterThan(0);
  });
});
