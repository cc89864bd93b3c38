import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, FakeSlack, sectionText, slackApp, slackUser } from '../helpers/fake-slack.js';

/** The real registration flow (src/flows/register) through a Slack modal. */
let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof slackApp>>;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await slackApp(fake);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

type Values = Record<string, { v: Record<string, unknown> }>;

describe('/thidua dangky', () => {
  it('opens the registration as a modal, shows errors inline, then continues to the review in the DM', async () => {
    const u = slackUser(bot.port, fake, 'UREG');
    const inv = await bot.app.services.people.createInvite('cuc-btp', 'officer', { now: bot.app.services.now() });
    const joined = await u.command(`thamgia ${inv.code}`);
    await fake.until(() => fake.responses.find((r) => r.id === joined.id));

    const cmd = await u.command('đăng ký');
    const loading = await fake.until(() => fake.calledWith('views.open').find((c) => c.params.trigger_id === cmd.trigger));
    expect(loading.params.view.blocks[0].text.text).toBe('⏳ Đang mở biểu mẫu…');
    const { view } = await fake.until(() => fake.calledWith('views.update').find((c) => c.params.view_id === loading.result!.view.id)?.params);
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
    const review = await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UREG' && sectionText(c.params).includes('Tổng số cán bộ: 20'))?.params);
    expect(sectionText(review)).toContain('Tập thể lao động xuất sắc');
    expect(sectionText(review)).toContain('Hội nghị phổ biến pháp luật');
    expect(buttonsOf(review).map((b) => b.value)).toContain('f:do:save');
  });

  it('shows the answer in the loading modal when it holds no form (a person not bound to a unit)', async () => {
    const u = slackUser(bot.port, fake, 'UNOUNIT');
    const cmd = await u.command('dangky');
    const loading = await fake.until(() => fake.calledWith('views.open').find((c) => c.params.trigger_id === cmd.trigger));
    const { view } = await fake.until(() => fake.calledWith('views.update').find((c) => c.params.view_id === loading.result!.view.id)?.params);
    expect(view).toMatchObject({ type: 'modal', title: { text: 'Thông báo' }, close: { text: 'Đóng' } });
    expect(view.callback_id).toBeUndefined();
    expect(sectionText(view)).toContain('Bạn chưa tham gia đơn vị nào');
    expect(sectionText(view)).toContain('/thidua thamgia MÃ');
    expect(sectionText(await fake.until(() => fake.responses.find((r) => r.id === cmd.id)?.body))).toContain('Bạn chưa tham gia đơn vị nào'); // still posted
  });

  it('opens no modal for /thidua dangky xem and /thidua đăng ký lịch sử', async () => {
    const u = slackUser(bot.port, fake, 'UVIEW');
    const inv = await bot.app.services.people.createInvite('cuc-btp', 'officer', { now: bot.app.services.now() });
    const joined = await u.command(`thamgia ${inv.code}`);
    await fake.until(() => fake.responses.find((r) => r.id === joined.id));
    for (const text of ['dangky xem', 'đăng ký lịch sử']) {
      const cmd = await u.command(text);
      await fake.until(() => fake.responses.find((r) => r.id === cmd.id));
      expect(fake.calledWith('views.open').some((c) => c.params.trigger_id === cmd.trigger)).toBe(false);
    }
  });
});
