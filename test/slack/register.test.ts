import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKit } from '../../src/flows/register/kit.js';
import { joined } from '../helpers/app.js';
import { buttonsOf, FakeSlack, sectionText, slackApp, slackUser, slackSuite } from '../helpers/fake-slack.js';

/** The real registration flow (src/flows/register) through a Slack modal. */
const suite = slackSuite();

type Values = Record<string, { v: Record<string, unknown> }>;

describe('/thidua dangky', () => {
  it('opens the registration as a modal, shows errors inline, then continues to the review in the DM', async () => {
    const u = slackUser(suite.bot.port, suite.fake, 'UREG');
    const inv = await suite.bot.app.services.people.createInvite('cuc-btp', 'officer', { now: suite.bot.app.services.now() });
    const joined = await u.command(`thamgia ${inv.code}`);
    await suite.fake.until(() => suite.fake.responses.find((r) => r.id === joined.id));

    const cmd = await u.command('đăng ký');
    const loading = await suite.fake.until(() => suite.fake.calledWith('views.open').find((c) => c.params.trigger_id === cmd.trigger));
    expect(loading.params.view.blocks[0].text.text).toBe('⏳ Đang mở biểu mẫu…');
    const { view } = await suite.fake.until(() => suite.fake.calledWith('views.update').find((c) => c.params.view_id === loading.result!.view.id)?.params);
    const inputs = view.blocks.filter((b: any) => b.type === 'input');
    const ids = inputs.map((b: any) => b.block_id);
    expect(ids).toEqual(expect.arrayContaining(['collective', 'headcount', 'targets']));
    expect(inputs.find((b: any) => b.block_id === 'collective').element.type).toBe('static_select');
    expect(inputs.find((b: any) => b.block_id === 'targets').element).toMatchObject({ type: 'plain_text_input', multiline: true });

    const values: Values = {};
    for (const b of inputs) values[b.block_id] = { v: { type: b.element.type, value: b.block_id.startsWith('n-') ? '2' : '' } };
    values.collective = { v: { type: 'static_select', selected_option: { value: 'ttldxs' } } };
    values.headcount.v.value = 'hai mươi';
    const bad = JSON.parse((await u.submit(view, values)).body);
    expect(bad.response_action).toBe('errors');
    expect(bad.errors.headcount).toContain('không phải là một số');
    expect(bad.errors.targets).toBeTruthy();

    values.headcount.v.value = '20';
    values.targets.v.value = 'Hội nghị phổ biến pháp luật; hội nghị; 12\nHồ sơ giải quyết đúng hạn; %; 100';
    const good = await u.submit(view, values);
    expect(good.status).toBe(200);
    expect(good.body).toBe('');
    const review = await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UREG' && sectionText(c.params).includes('Tổng số cán bộ: 20'))?.params);
    expect(sectionText(review)).toContain('Tập thể lao động xuất sắc');
    expect(sectionText(review)).toContain('Hội nghị phổ biến pháp luật');
    expect(buttonsOf(review).map((b) => b.value)).toContain('f:do:save');
  });

  it('shows the answer in the loading modal when it holds no form (a person not bound to a unit)', async () => {
    const u = slackUser(suite.bot.port, suite.fake, 'UNOUNIT');
    const cmd = await u.command('dangky');
    const loading = await suite.fake.until(() => suite.fake.calledWith('views.open').find((c) => c.params.trigger_id === cmd.trigger));
    const { view } = await suite.fake.until(() => suite.fake.calledWith('views.update').find((c) => c.params.view_id === loading.result!.view.id)?.params);
    expect(view).toMatchObject({ type: 'modal', title: { text: 'Thông báo' }, close: { text: 'Đóng' } });
    expect(view.callback_id).toBeUndefined();
    expect(sectionText(view)).toContain('Bạn chưa tham gia đơn vị nào');
    expect(sectionText(view)).toContain('/thidua thamgia MÃ');
    expect(sectionText(await suite.fake.until(() => suite.fake.responses.find((r) => r.id === cmd.id)?.body))).toContain('Bạn chưa tham gia đơn vị nào'); // still posted
  });

  it('opens no modal for /thidua dangky xem and /thidua đăng ký lịch sử', async () => {
    const u = slackUser(suite.bot.port, suite.fake, 'UVIEW');
    const inv = await suite.bot.app.services.people.createInvite('cuc-btp', 'officer', { now: suite.bot.app.services.now() });
    const joined = await u.command(`thamgia ${inv.code}`);
    await suite.fake.until(() => suite.fake.responses.find((r) => r.id === joined.id));
    for (const text of ['dangky xem', 'đăng ký lịch sử']) {
      const cmd = await u.command(text);
      await suite.fake.until(() => suite.fake.responses.find((r) => r.id === cmd.id));
      expect(suite.fake.calledWith('views.open').some((c) => c.params.trigger_id === cmd.trigger)).toBe(false);
    }
  });

  it('never cuts a prefill longer than a Slack input: the modal says so, and an unchanged submit keeps every target', async () => {
    // 45 targets typed compactly in another chat (2,824 characters), shown one per line "content; unit; value" (3,002).
    const content = (i: number) => `Chỉ tiêu số ${String(i).padStart(2, '0')} ${'a'.repeat(42)}`;
    const typed = [...Array.from({ length: 44 }, (_, i) => `${content(i + 1)};cái;138`), 'xy;u;138'].join('|');
    const other = await joined(suite.bot.app, 'oLONG', 'cuc-hctp', 'officer');
    for (const answer of ['/dangky', 'TTLĐXS', '20', '16', '2', '0', '0', typed, '-']) await other.say(answer);
    expect(await other.say('-')).toContain('Kiểm tra theo quy định');

    const u = slackUser(suite.bot.port, suite.fake, 'ULONG');
    const inv = await suite.bot.app.services.people.createInvite('cuc-hctp', 'officer', { now: suite.bot.app.services.now() });
    const join = await u.command(`thamgia ${inv.code}`);
    await suite.fake.until(() => suite.fake.responses.find((r) => r.id === join.id));
    const cmd = await u.command('dangky');
    const loading = await suite.fake.until(() => suite.fake.calledWith('views.open').find((c) => c.params.trigger_id === cmd.trigger));
    const { view } = await suite.fake.until(() => suite.fake.calledWith('views.update').find((c) => c.params.view_id === loading.result!.view.id)?.params);
    const targets = view.blocks.find((b: any) => b.block_id === 'targets');
    expect(targets.type).toBe('section');
    expect(targets.text.text).toContain('dài 3002 ký tự');
    expect(targets.text.text).toContain('được giữ nguyên');
    for (const b of view.blocks.filter((x: any) => x.type === 'input')) expect(String(b.element.initial_value ?? '').length).toBeLessThanOrEqual(3000);

    // Submitted as Slack sends an untouched modal: every input with its prefilled value.
    const values: Values = {};
    for (const b of view.blocks.filter((x: any) => x.type === 'input')) {
      const e = b.element;
      values[b.block_id] = {
        v: e.type === 'static_select' ? { type: e.type, selected_option: e.initial_option ?? null } : e.type === 'multi_static_select' ? { type: e.type, selected_options: e.initial_options ?? [] } : { type: e.type, value: e.initial_value ?? null },
      };
    }
    expect((await u.submit(view, values)).body).toBe('');
    await suite.fake.until(() => suite.fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'ULONG' && sectionText(c.params).includes('Kiểm tra theo quy định')));
    const drafts = await createKit(suite.bot.app.services).drafts.list();
    const kept = drafts.find((d) => d.value.unitId === 'cuc-hctp')!.value.values.targets as { content: string; value: number }[];
    expect(kept).toHaveLength(45);
    expect(kept.every((t) => t.value === 138)).toBe(true);
    expect(kept.at(-1)).toMatchObject({ content: 'xy', value: 138 });
  });
});
