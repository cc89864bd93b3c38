import { describe, expect, it } from 'vitest';
import { testApp, user } from '../helpers/app.js';

describe('criteria checker /kiemtra', () => {
  it('walks the criteria of a title and names each unmet one with its citation', async () => {
    const app = await testApp();
    const u = user(app, 'k');
    const [pick] = await u.send('/kiemtra');
    const ttldxs = pick.choices!.find((c) => c.label === 'Tập thể lao động xuất sắc')!;
    let [r] = await u.press(ttldxs.value);
    expect(r.text).toContain('Điều 27');
    // Answer every question: "yes" to yes/no questions, 50 (%) and 0 (CSTĐCS) to the numbers.
    const numbers = ['50', '0'];
    for (let i = 0; i < 20 && r.choices?.length; i++) {
      const yes = r.choices.find((c) => c.label === 'Có');
      [r] = yes ? await u.press(yes.value) : await u.send(numbers.shift() ?? '0');
    }
    expect(r.text).toContain('❌ Chưa đáp ứng 2 tiêu chuẩn');
    expect(r.text).toMatch(/70\s?%.*Điều 27/);
    expect(r.text).toContain('Kết quả chỉ để tham khảo');
  });

  it('takes the title as an argument, abbreviations and no diacritics included, and passes when all is met', async () => {
    const app = await testApp();
    const u = user(app, 'k2');
    let [r] = await u.send('/kiemtra CSTĐCS');
    expect(r.text).toContain('Chiến sĩ thi đua cơ sở');
    for (let i = 0; i < 10 && r.choices?.length; i++) [r] = await u.send('co');
    expect(r.text).toContain('✅ Đáp ứng các tiêu chuẩn đã kiểm tra của "Chiến sĩ thi đua cơ sở"');
    expect((await u.send('/kiemtra khong co danh hieu nay'))[0].text).toContain('Không tìm thấy danh hiệu');
  });

  it('never uses an unverified criterion to decide', async () => {
    const app = await testApp();
    const u = user(app, 'k3');
    let [r] = await u.send('/kiemtra ttldtt');
    for (let i = 0; i < 10 && r.choices?.length; i++) [r] = await u.send(r.choices.some((c) => c.label === 'Có') ? 'khong' : '0');
    // TTLĐTT's 2022 criteria are unverified: answering "no" everywhere cannot produce a failing verdict.
    expect(r.text).not.toContain('❌');
    expect(r.text).not.toContain('✅');
    expect(r.text).toContain('Chưa thể kết luận');
    expect(r.text).toContain('chưa xác minh');
  });
});
