import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBallot } from '../../src/flows/review/ballot-service.js';
import { createReviewKit } from '../../src/flows/review/kit.js';
import { OPERATOR } from '../../src/flows/review/kit.js';
import type { App } from '../../src/app.js';
import { buttonsOf, FakeSlack, sectionText, slackApp, slackUser, slackSuite } from '../helpers/fake-slack.js';
import { telegramHarness } from '../telegram/setup.js';
import { answers } from './helpers.js';

const kitOf = (app: App) => createReviewKit(app.services);
const PDF = Buffer.concat([Buffer.from('%PDF-1.5\n'), Buffer.alloc(4000, 0x41)]);
const keyboard = (m: Record<string, any>): { text: string; callback_data: string }[] => (m.reply_markup?.inline_keyboard ?? []).flat();
const button = (m: Record<string, any>, text: string) => keyboard(m).find((b) => b.text === text)!.callback_data;

/** Opens the sector-flag ballot of Cụm III for 2026 as the operator, closing in two days. */
async function open(app: App, candidates: string[]) {
  const now = app.services.now();
  const r = await openBallot(kitOf(app), OPERATOR, { clusterId: 'cum-3', year: 2026, titleId: 'co-nganh', candidates, closesAt: new Date(now.getTime() + 2 * 86400_000) }, now);
  if (!r.ok) throw new Error(r.why);
}

describe('Telegram: the report as a document, the ballot with buttons', () => {
  it('takes a PDF sent in the chat, refuses an oversized or unexpected one with the reason, and votes by buttons', async () => {
    const h = await telegramHarness();
    try {
      h.clk.set('2027-01-10T02:00:00Z');
      const head = { id: 601, first_name: 'Trần', last_name: 'Văn Bình' };
      const inv = await h.app.services.people.createInvite('cuc-btp', 'head', { now: h.app.services.now() });
      const t = h.chat(head);
      await t.say(`/thamgia ${inv.code}`);
      const [intro, first] = await t.say('/binhxet 2026', 2);
      expect(intro.text).toContain('Tự đánh giá, chấm điểm thi đua năm 2026 của Cục Bổ trợ tư pháp');
      expect(first.text).toContain('(1/8)');
      let last: Record<string, any> = first;
      for (const a of answers('cuc-btp')) [last] = await t.say(a);
      expect(last.text).toContain('Gửi tệp vào cuộc trò chuyện này.');

      const send = async (doc: Parameters<typeof h.fake.documentUpdate>[0]) => {
        const mark = h.fake.calls.length;
        await h.push(h.fake.documentUpdate(doc));
        const [c] = await h.fake.waitForCount(h.sentTo(head.id), 1, { from: mark });
        return h.fake.sent.find((m) => m.params === c.params)!;
      };
      const big = await send({ chatId: head.id, from: head, name: 'bao-cao.pdf', bytes: PDF, declaredSize: 30 * 1024 * 1024 });
      expect(big.text).toContain('⛔ Không nhận tệp "bao-cao.pdf": tệp 30 MB, quá 10 MB cho phép.');
      const exe = await send({ chatId: head.id, from: head, name: 'bao-cao.exe', bytes: Buffer.from('MZ') });
      expect(exe.text).toContain('loại tệp ".exe" không được nhận');
      expect(h.fake.downloads).toEqual([]); // neither was downloaded
      const ok = await send({ chatId: head.id, from: head, name: 'Báo cáo tổng kết 2026.pdf', bytes: PDF, mime: 'application/pdf' });
      expect(ok.text).toContain('📎 Đã nhận "Báo cáo tổng kết 2026.pdf" (3,9 KB');
      expect(h.fake.downloads).toHaveLength(1);

      const [sent] = await t.say('gửi');
      expect(sent.text).toContain('✅ Đã gửi bản tự đánh giá năm 2026 của Cục Bổ trợ tư pháp (91/100 điểm');
      const mark = h.fake.calls.length;
      await t.press(sent, button(sent, '✅ Duyệt'));
      const [approved] = await h.fake.waitForCount(h.sentTo(head.id), 1, { from: mark });
      expect(approved.params.text).toContain('✅ Đã duyệt bản tự đánh giá');

      // The ballot: every answer a button; callback data opaque and short.
      await open(h.app, ['cuc-pbgdpl-tgpl', 'cuc-btp']);
      const [vIntro, q1] = await t.say('/bophieu', 2);
      expect(vIntro.text).toContain('🗳 Phiếu bầu kín: "Cờ thi đua ngành Tư pháp" năm 2026');
      expect(keyboard(q1).map((b) => b.text)).toEqual(['Đồng ý', 'Không đồng ý', 'Hủy']);
      for (const b of keyboard(q1)) expect(b.callback_data).not.toMatch(/yes|no|cuc/);
      const pressAndRead = async (m: Record<string, any>, data: string) => {
        const from = h.fake.calls.length;
        await t.press(m, data);
        const [c] = await h.fake.waitForCount(h.sentTo(head.id), 1, { from });
        return h.fake.sent.find((x) => x.params === c.params)!;
      };
      const q2 = await pressAndRead(q1, button(q1, 'Đồng ý'));
      const confirm = await pressAndRead(q2, button(q2, 'Không đồng ý'));
      expect(confirm.text).toContain('• Cục Bổ trợ tư pháp: Không đồng ý');
      const done = await pressAndRead(confirm, button(confirm, '📨 Gửi phiếu'));
      expect(done.text).toContain('✅ Đã gửi phiếu của Cục Bổ trợ tư pháp');
      expect((await kitOf(h.app).box.tally('cum-3.2026.co-nganh'))!.voted).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('Slack: modals for the self-assessment and the ballot, the report as a shared file', () => {
  const suite = slackSuite();

  const joinAs = async (u: ReturnType<typeof slackUser>, unit: string, role: 'head' | 'officer' | 'cluster-head') => {
    const inv = await suite.bot.app.services.people.createInvite(unit, role, { now: suite.bot.app.services.now() });
    const c = await u.command(`thamgia ${inv.code}`);
    await suite.fake.until(() => suite.fake.responses.find((r) => r.id === c.id));
  };
  const modal = async (text: string, u: ReturnType<typeof slackUser>) => {
    const cmd = await u.command(text);
    const loading = await suite.fake.until(() => suite.fake.calledWith('views.open').find((c) => c.params.trigger_id === cmd.trigger));
    return (await suite.fake.until(() => suite.fake.calledWith('views.update').find((c) => c.params.view_id === loading.result!.view.id)?.params)).view;
  };

  it('fills the self-assessment in one modal (errors inline), then takes the report shared in the DM', async () => {
    const u = slackUser(suite.bot.port, suite.fake, 'USA');
    await joinAs(u, 'cuc-qlthads', 'officer');
    const view = await modal('binhxet 2026', u);
    const inputs = view.blocks.filter((b: any) => b.type === 'input');
    expect(inputs.map((b: any) => b.block_id)).toEqual(['nv-1', 'nv-2', 'td-1', 'td-2', 'td-3', 'xd-1', 'xd-2', 'xd-3']);
    const values: Record<string, any> = {};
    answers('cuc-qlthads').forEach((a, i) => (values[inputs[i].block_id] = { v: { type: 'plain_text_input', value: a } }));
    values['td-3'].v.value = '7; quá điểm';
    const bad = JSON.parse((await u.submit(view, values)).body);
    expect(bad).toMatchObject({ response_action: 'errors', errors: { 'td-3': expect.stringContaining('Điểm tối đa của tiêu chí này là 5') } });
    values['td-3'].v.value = '4; báo cáo đúng hạn';
    expect((await u.submit(view, values)).body).toBe('');
    const ask = await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'USA' && sectionText(c.params).includes('Gửi tệp trong tin nhắn riêng với bot'))?.params);
    expect(sectionText(ask)).toContain('.pdf, .doc, .docx, .odt, tối đa 10 MB');

    // A file on a host that is not Slack's: the token is not sent there, the file is refused.
    await u.event({ type: 'message', channel_type: 'im', channel: 'DUSA', subtype: 'file_share', text: '', files: [{ id: 'FX', name: 'x.pdf', size: 10, url_private_download: 'https://evil.example/x.pdf' }] });
    await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'USA' && sectionText(c.params).includes('không tải được tệp')));
    const file = suite.fake.hostFile('bao-cao-2026.pdf', PDF);
    await u.event({ type: 'message', channel_type: 'im', channel: 'DUSA', subtype: 'file_share', text: '', files: [file] });
    const got = await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'USA' && sectionText(c.params).includes('Đã nhận'))?.params);
    expect(sectionText(got)).toContain('📎 Đã nhận "bao-cao-2026.pdf"');
    expect(sectionText(got)).toContain('Tổng điểm tự chấm: 87/100');
    expect(buttonsOf(got).map((b) => b.value)).toContain('f:do:submit');
    expect(suite.fake.fileDownloads).toEqual([file.id]);
  });

  it('opens a ballot from one modal for the cluster head (title, candidates, closing time)', async () => {
    const u = slackUser(suite.bot.port, suite.fake, 'UCHEAD');
    await joinAs(u, 'cuc-pbgdpl-tgpl', 'cluster-head');
    const view = await modal('bophieu mo 2026', u);
    const inputs = view.blocks.filter((b: any) => b.type === 'input');
    expect(inputs.map((b: any) => b.block_id)).toEqual(['title', 'candidates', 'closes']);
    expect(inputs[0].element.initial_option.value).toBe('co-nganh');
    expect(view.submit.text).toBe('Mở phiếu');
    const values = {
      title: { v: { type: 'static_select', selected_option: { value: 'co-cp' } } },
      candidates: { v: { type: 'multi_static_select', selected_options: [{ value: 'cuc-btp' }] } },
      closes: { v: { type: 'plain_text_input', value: 'ngày mai' } },
    };
    const bad = JSON.parse((await u.submit(view, values)).body);
    expect(bad.errors.closes).toContain('Không đọc được thời điểm');
    values.closes.v.value = '20/01/2099 17:00';
    expect((await u.submit(view, values)).body).toBe('');
    await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UCHEAD' && sectionText(c.params).includes('🗳 Đã mở phiếu "Cờ thi đua của Chính phủ" năm 2026')));
    expect((await kitOf(suite.bot.app).records.getBallot('cum-3.2026.co-cp'))?.candidates).toEqual(['cuc-btp']);
  });

  it('casts the ballot in one modal: a choice per candidate, submitted once', async () => {
    const u = slackUser(suite.bot.port, suite.fake, 'UVOTE');
    await joinAs(u, 'cuc-hctp', 'head');
    await open(suite.bot.app, ['cuc-pbgdpl-tgpl', 'cuc-btp', 'cuc-qlthads']);
    // Two ballots are open now: /thidua bophieu asks which one; the notice's "🗳 Bỏ phiếu" button opens this one's modal.
    const ask = await u.command('bophieu');
    const loading = await suite.fake.until(() => suite.fake.calledWith('views.open').find((c) => c.params.trigger_id === ask.trigger));
    expect(sectionText((await suite.fake.until(() => suite.fake.calledWith('views.update').find((c) => c.params.view_id === loading.result!.view.id)?.params)).view)).toContain('Chọn phiếu để bỏ');
    const pressed = await u.press({ action_id: 'thidua:0', value: 'rvv:cum-3.2026.co-nganh' });
    const view = (await suite.fake.until(() => suite.fake.calledWith('views.open').find((c) => c.params.trigger_id === pressed.trigger)?.params)).view;
    const inputs = view.blocks.filter((b: any) => b.type === 'input');
    expect(inputs.map((b: any) => b.label.text)).toEqual(['Ứng viên: Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý', 'Ứng viên: Cục Bổ trợ tư pháp', 'Ứng viên: Cục Quản lý Thi hành án dân sự']);
    expect(inputs[0].element.options.map((o: any) => o.text.text)).toEqual(['Đồng ý', 'Không đồng ý']);
    expect(view.submit.text).toBe('Gửi phiếu');
    const values: Record<string, any> = {};
    inputs.forEach((b: any, i: number) => (values[b.block_id] = { v: { type: 'static_select', selected_option: { value: i === 2 ? 'no' : 'yes' } } }));
    expect((await u.submit(view, values)).body).toBe('');
    await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UVOTE' && sectionText(c.params).includes('✅ Đã gửi phiếu của Cục Hành chính tư pháp')));
    // The same modal submitted again (a second device, a double click) is not counted twice.
    expect((await u.submit(view, values)).body).toBe('');
    await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UVOTE' && /Biểu mẫu này không còn hiệu lực|đã bỏ phiếu/.test(sectionText(c.params))));
    const t = (await kitOf(suite.bot.app).box.tally('cum-3.2026.co-nganh'))!;
    expect(t.voted).toBe(1);
    expect(t.counts['cuc-qlthads']).toEqual({ yes: 0, no: 1 });
  });
});
