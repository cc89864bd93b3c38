import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { Registrations } from '../../src/flows/register/records.js';
import { clock, joined, testApp } from '../helpers/app.js';

/** What a Slack modal sends: every field at once, as typed (numbers as text, the choice's value). */
const form = (o: Record<string, unknown> = {}) => ({
  collective: 'ttldxs',
  headcount: '20',
  'n-ldtt': '16',
  'n-cstdcs': '2',
  'n-cstd-bo': '0',
  'n-cstd-toan-quoc': '0',
  targets: 'Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12\nHồ sơ giải quyết đúng hạn; %; 100',
  movements: '',
  notes: '',
  ...o,
});

describe('whole-form submit (Slack modal)', () => {
  let app: App;
  afterEach(async () => app?.close());

  it('the first reply carries the FormSpec; a bad field gets formErrors; a good form is reviewed and stored', async () => {
    app = await testApp({ now: clock('2026-02-10T03:00:00Z').now });
    const u = await joined(app, 'oA', 'cuc-btp', 'officer');
    const [first] = await u.send('/dangky');
    expect(first.form?.fields.map((f) => f.id)).toEqual(['collective', 'headcount', 'n-ldtt', 'n-cstdcs', 'n-cstd-bo', 'n-cstd-toan-quoc', 'targets', 'movements', 'notes']);

    let [r] = await u.submit(form({ headcount: '-5', targets: 'chỉ có nội dung' }));
    expect(r.formErrors?.headcount).toContain('không được là số âm');
    expect(r.formErrors?.targets).toContain('chưa đúng dạng "nội dung; đơn vị tính; giá trị"');
    [r] = await u.submit(form({ 'n-ldtt': '30' }));
    expect(Object.keys(r.formErrors ?? {})).toEqual(['n-ldtt']);
    expect(r.formErrors?.['n-ldtt']).toContain('không được lớn hơn tổng số cán bộ của đơn vị (20)');

    [r] = await u.submit(form());
    expect(r.formErrors).toBeUndefined();
    expect(r.text).toContain('✅ Đạt:');
    expect(r.choices?.[0].value).toBe('f:do:submit');
    expect((await u.press('f:do:submit'))[0].text).toContain('Đã gửi đăng ký');
    const stored = await new Registrations(app.services.store).get('cuc-btp', 2026);
    expect(stored).toMatchObject({ status: 'submitted', collectiveTitle: 'ttldxs', headcount: 20, individual: { ldtt: 16, cstdcs: 2 } });
    expect(stored?.targets).toEqual([
      { content: 'Tổ chức hội nghị phổ biến pháp luật', unit: 'hội nghị', value: 12 },
      { content: 'Hồ sơ giải quyết đúng hạn', unit: '%', value: 100 },
    ]);
  });
});
