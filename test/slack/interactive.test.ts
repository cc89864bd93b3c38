import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onboardingModule } from '../../src/flows/onboarding.js';
import { buttonsOf, FakeSlack, sectionText, signedPost, slackApp, slackUser } from '../helpers/fake-slack.js';
import { gate, probeModule, saved, slowStart } from './probe.js';

/** Slash commands, buttons, modals, DMs and mentions against test-only modules (see probe.ts). */
let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof slackApp>>;
const question = gate();

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await slackApp(fake, { modules: () => [onboardingModule(), probeModule(question)] });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const answerTo = (id: string) => fake.until(() => fake.responses.find((r) => r.id === id)?.body);
const dmTo = (channel: string, includes: string) =>
  fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === channel && sectionText(c.params).includes(includes))?.params);

async function member(user: string, unit: string, role: 'officer' | 'head') {
  const u = slackUser(bot.port, fake, user);
  const inv = await bot.app.services.people.createInvite(unit, role, { now: bot.app.services.now() });
  expect(sectionText(await answerTo((await u.command(`thamgia ${inv.code}`)).id))).toContain('✅');
  return u;
}

describe('slash command answers', () => {
  it('acknowledges a slow question at once and delivers the answer later through response_url', async () => {
    const alice = slackUser(bot.port, fake, 'UALICE');
    const { id, res } = await alice.command('hỏi tiêu chuẩn chiến sĩ thi đua cơ sở?');
    expect(res.status).toBe(200); // the HTTP answer came back while the core was still working…
    expect(res.body).toBe('');
    expect(fake.responses.some((r) => r.id === id)).toBe(false); // …and nothing had been posted yet
    question.open();
    const posted = await answerTo(id);
    expect(posted.response_type).toBe('ephemeral');
    const text = sectionText(posted);
    expect(text).toContain('Trả lời cho "tiêu chuẩn chiến sĩ thi đua cơ sở?"');
    expect(text).toContain('*Chiến sĩ thi đua cơ sở*'); // markdown-lite bold is Slack's bold
    expect(text).toContain('&lt;xem Điều 23&gt; &amp; hơn thế'); // mrkdwn escaped
    const context = posted.blocks.find((b: any) => b.type === 'context');
    expect(context.elements[0].text).toContain('Luật Thi đua, khen thưởng 2022, Điều 23');
  });
});

describe('forms as modals', () => {
  it('opens a modal, shows field errors inline, then stores a valid submission and confirms in the DM', async () => {
    const bob = slackUser(bot.port, fake, 'UBOB');
    const { id, trigger } = await bob.command('thử mẫu'); // two-word command with diacritics
    const open = await fake.until(() => fake.calledWith('views.open').find((c) => c.params.trigger_id === trigger)?.params);
    const view = open.view;
    expect(view.type).toBe('modal');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.parse(view.private_metadata)).toEqual({ chatId: 'UBOB', formId: 'probe' });
    expect(view.blocks[0]).toMatchObject({ type: 'section', text: { text: 'Đăng ký thử nghiệm năm 2026 &lt;Cục Bổ trợ tư pháp&gt;: 4 mục. Gõ /thidua huy để hủy.' } });
    const byId = Object.fromEntries(view.blocks.map((b: any) => [b.block_id, b]));
    expect(byId.headcount.element).toMatchObject({ type: 'plain_text_input', initial_value: '12' });
    expect(byId.title.element.type).toBe('static_select');
    expect(byId.title.element.options.map((o: any) => o.value)).toEqual(['ttldxs', 'ttldtt']);
    expect(byId.extra).toMatchObject({ optional: true, element: { type: 'multi_static_select' } });
    expect(byId.targets.element).toMatchObject({ type: 'plain_text_input', multiline: true, initial_value: 'Hoàn thành 100% kế hoạch\nKhông có sai sót' });

    const bad = await bob.submit(view, {
      headcount: { v: { type: 'plain_text_input', value: 'mười' } },
      title: { v: { type: 'static_select', selected_option: null } },
      extra: { v: { type: 'multi_static_select', selected_options: [] } },
      targets: { v: { type: 'plain_text_input', value: 'Một chỉ tiêu' } },
    });
    expect(bad.status).toBe(200);
    const errors = JSON.parse(bad.body);
    expect(errors.response_action).toBe('errors');
    expect(errors.errors.headcount).toContain('không phải là một số');
    expect(errors.errors.title).toBeTruthy();
    expect(errors.errors.targets).toBeUndefined();
    expect(saved).toHaveLength(0);

    const good = await bob.submit(view, {
      headcount: { v: { type: 'plain_text_input', value: '1.000' } },
      title: { v: { type: 'static_select', selected_option: { value: 'ttldtt', text: { type: 'plain_text', text: 'x' } } } },
      extra: { v: { type: 'multi_static_select', selected_options: [{ value: 'bk' }] } },
      targets: { v: { type: 'plain_text_input', value: 'Chỉ tiêu A\nChỉ tiêu B' } },
    });
    expect(good.status).toBe(200);
    expect(good.body).toBe(''); // closes the modal
    expect(saved).toEqual([{ userId: 'T1:UBOB', values: { headcount: 1000, title: 'ttldtt', extra: ['bk'], targets: ['Chỉ tiêu A', 'Chỉ tiêu B'] } }]);
    await dmTo('UBOB', '✅ Đã lưu đăng ký: 1000 cán bộ.');
    const behind = sectionText(await answerTo(id)); // behind the modal: the step-by-step prompt, not the intro again
    expect(behind).toContain('(1/4) Số cán bộ');
    expect(behind).not.toContain('Đăng ký thử nghiệm năm 2026');
  });

  it('offers the form as a button when the modal cannot open, and the flow goes on in the DM', async () => {
    const carol = slackUser(bot.port, fake, 'UCAROL');
    fake.fail('views.open', 'expired_trigger_id');
    const { id } = await carol.command('tryform');
    const posted = await answerTo(id);
    fake.fail('views.open');
    expect(sectionText(posted)).toContain('Đăng ký thử nghiệm năm 2026');
    expect(sectionText(posted)).toContain('(1/4) Số cán bộ');
    const [openForm] = buttonsOf(posted);
    expect(openForm.text.text).toBe('📝 Mở biểu mẫu');

    await carol.event({ type: 'message', channel: 'DCAROL', channel_type: 'im', text: '7', ts: '10.1' });
    await dmTo('UCAROL', '(2/4) Danh hiệu tập thể');

    const press = await carol.press(openForm);
    const open = await fake.until(() => fake.calledWith('views.open').find((c) => c.params.trigger_id === press.trigger)?.params);
    expect(open.view.callback_id).toBe('thidua_form');
  });

  it('opens a loading modal from the trigger before a slow core answers, then fills it with the form', async () => {
    const held = gate();
    slowStart.held = held.opened;
    const kim = slackUser(bot.port, fake, 'UKIM');
    const { id, trigger, res } = await kim.command('mẫu chậm');
    expect(res.status).toBe(200);
    const open = await fake.until(() => fake.calledWith('views.open').find((c) => c.params.trigger_id === trigger));
    expect(open.params.view).toMatchObject({ type: 'modal', title: { text: 'Biểu mẫu' }, close: { text: 'Đóng' } });
    expect(open.params.view.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '⏳ Đang mở biểu mẫu…' } }]);
    expect(open.params.view.submit).toBeUndefined();
    const { id: viewId, hash } = open.result!.view;
    // The core is still held: nothing updated, nothing answered yet.
    expect(fake.calledWith('views.update').some((c) => c.params.view_id === viewId)).toBe(false);
    expect(fake.responses.some((r) => r.id === id)).toBe(false);

    held.open();
    const update = await fake.until(() => fake.calledWith('views.update').find((c) => c.params.view_id === viewId)?.params);
    expect(update.hash).toBe(hash);
    expect(update.view.callback_id).toBe('thidua_form');
    expect(JSON.parse(update.view.private_metadata)).toEqual({ chatId: 'UKIM', formId: 'probe' });
    expect(update.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toEqual(['headcount', 'title', 'extra', 'targets']);
    expect(update.view.blocks[0].text.text).toContain('Đăng ký thử nghiệm năm 2026');
    const behind = sectionText(await answerTo(id)); // the step-by-step prompt, not the intro again
    expect(behind).toContain('(1/4) Số cán bộ');
    expect(behind).not.toContain('Đăng ký thử nghiệm năm 2026');
    expect(fake.calledWith('views.open').filter((c) => c.params.trigger_id === trigger)).toHaveLength(1);
  });

  it('does not use a trigger older than 3 s: the form is offered as a button', async () => {
    const held = gate();
    slowStart.held = held.opened;
    const lan = slackUser(bot.port, fake, 'ULAN');
    const { id, trigger } = await lan.command('slowform unannounced'); // answers with a form it did not announce
    let posted;
    try {
      vi.setSystemTime(Date.now() + 3500); // the core took 3.5 s
      held.open();
      posted = await answerTo(id);
    } finally {
      vi.useRealTimers();
    }
    expect(fake.calledWith('views.open').some((c) => c.params.trigger_id === trigger)).toBe(false);
    expect(sectionText(posted)).toContain('Đăng ký thử nghiệm năm 2026');
    expect(buttonsOf(posted)[0].text.text).toBe('📝 Mở biểu mẫu');
  });
});

describe('buttons', () => {
  it('refuses a press by someone without the role, whatever the button says, and accepts the head', async () => {
    const officer = await member('UOFF', 'cuc-btp', 'officer');
    const head = await member('UHEAD', 'cuc-btp', 'head');
    const asked = await answerTo((await officer.command('xin duyệt')).id);
    const [approve] = buttonsOf(asked);
    expect(approve).toMatchObject({ action_id: 'thidua:0', value: 'duyet:cuc-btp' });

    const refused = await officer.press(approve);
    expect(refused.res.status).toBe(200);
    expect(sectionText(await answerTo(refused.id))).toContain('⛔');
    const tampered = await head.press({ action_id: 'thidua:0', value: 'duyet:vu-htqt' });
    expect(sectionText(await answerTo(tampered.id))).toContain('⛔');
    const accepted = await head.press(approve);
    expect(sectionText(await answerTo(accepted.id))).toContain('✅ Đã duyệt đăng ký của cuc-btp.');
  });

  it('answers an unknown button value with a clear message', async () => {
    const u = slackUser(bot.port, fake, 'UDAN');
    const { id } = await u.press({ action_id: 'thidua:3', value: 'khongco:123' });
    expect(sectionText(await answerTo(id))).toContain('không còn hiệu lực');
  });
});

describe('DMs and mentions', () => {
  it('answers a mention in a thread, as a question unless it names a command', async () => {
    const erin = slackUser(bot.port, fake, 'UERIN');
    await question.opened;
    const res = await erin.event({ type: 'app_mention', channel: 'C9', text: '<@UBOT> điều kiện &amp; tiêu chuẩn?', ts: '100.5' });
    expect(res.status).toBe(200);
    const asked = await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'C9' && c.params.thread_ts === '100.5')?.params);
    expect(sectionText(asked)).toContain('Trả lời cho "điều kiện &amp; tiêu chuẩn?"');

    await erin.event({ type: 'app_mention', channel: 'C9', text: '<@UBOT> trợ giúp', ts: '101.5', thread_ts: '100.5' });
    const help = await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'C9' && sectionText(c.params).includes('Các lệnh'))?.params);
    expect(help.thread_ts).toBe('100.5');
  });

  it('keeps personal data out of channels: /toi by mention is redirected to the DM', async () => {
    const frank = await member('UFRANK', 'cuc-btp', 'officer');
    await frank.event({ type: 'app_mention', channel: 'C7', text: '<@UBOT> /toi', ts: '200.1' });
    const msg = await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'C7')?.params);
    expect(sectionText(msg)).toContain('tin nhắn riêng');
    expect(sectionText(msg)).not.toContain('Cục Bổ trợ tư pháp');
  });

  it('answers a DM with no flow running', async () => {
    const gina = slackUser(bot.port, fake, 'UGINA');
    await gina.event({ type: 'message', channel: 'DGINA', channel_type: 'im', text: 'xin chào', ts: '300.1' });
    await dmTo('UGINA', 'Tôi chưa hiểu');
  });
});

describe('who is speaking', () => {
  it('answers in English to a user whose Slack is in English, and names people from their profile', async () => {
    fake.users.UHANA = { real_name: 'Hana Tran', locale: 'en-US' };
    const hana = slackUser(bot.port, fake, 'UHANA');
    expect(sectionText(await answerTo((await hana.command('trogiup')).id))).toContain('Commands you can use');
    const inv = await bot.app.services.people.createInvite('cuc-btp', 'officer', { now: bot.app.services.now() });
    await answerTo((await hana.command(`thamgia ${inv.code}`)).id);
    expect((await bot.app.services.people.get('slack', 'T1:UHANA'))?.name).toBe('Hana Tran');
  });

  it('handles an event Slack delivers twice only once', async () => {
    const ivan = slackUser(bot.port, fake, 'UIVAN');
    const dm = { type: 'message', channel: 'DIVAN', channel_type: 'im', text: 'xin chào', ts: '400.1' };
    const body = JSON.stringify({ token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvTWICE', event_time: 1, event: { user: 'UIVAN', ...dm } });
    await signedPost(bot.port, body, { type: 'application/json' });
    await signedPost(bot.port, body, { type: 'application/json' });
    await ivan.event({ ...dm, text: '/toi', ts: '400.2' });
    await dmTo('UIVAN', 'chưa tham gia');
    expect(fake.calledWith('chat.postMessage').filter((c) => c.params.channel === 'UIVAN' && sectionText(c.params).includes('Tôi chưa hiểu'))).toHaveLength(1);
  });
});
