import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { dataDir, docxText, expectOfficialLayout, unzip } from './helpers.js';

const bin = join(__dirname, '../../bin/thidua.js');

describe('registration in the console (child processes, one SQLite file)', () => {
  it('an officer registers, the head approves, `thidua export` writes the workbook and the DOCX', async () => {
    const dir = tempDir();
    // No calendar: the year is never locked, whatever today's date.
    const env = { ...process.env, LOG_LEVEL: 'warn', STORE_URL: `sqlite://${join(dir, 'x.sqlite')}`, DATA_DIR: dataDir() };
    const run = (args: string[], input = '') => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env, timeout: 60_000 });

    const officerCode = run(['invite', '--unit', 'cuc-btp', '--role', 'officer']).stdout.trim();
    const headCode = run(['invite', '--unit', 'cuc-btp', '--role', 'head']).stdout.trim();
    expect(headCode).toMatch(/^[A-Z0-9]{8}$/);

    const lines = [
      `/thamgia ${officerCode}`,
      '/dangky 2026',
      '3', // the third option: Tập thể lao động xuất sắc
      '-3',
      'hai mươi',
      '20',
      '16',
      '2', // a number question: "2" is the answer, not the second option
      '0',
      '0',
      'Tổ chức hội nghị phổ biến pháp luật; 12', // malformed: no unit of measure
      'Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12 | Hồ sơ giải quyết đúng hạn; %; 100',
      '-',
      '-',
      '1', // 📨 Gửi đăng ký
    ];
    const officer = run(['chat'], lines.join('\n') + '\n');
    expect(officer.status).toBe(0);
    const out = officer.stdout;
    expect(out).toContain('(2/9) Tổng số cán bộ');
    expect(out).toContain('không được là số âm');
    expect(out).toContain('"hai mươi" không phải là một số');
    expect(out).toContain('  a) ◀ Quay lại');
    expect(out).toContain('• Chiến sĩ thi đua cơ sở: 2');
    expect(out).toContain('chưa đúng dạng "nội dung; đơn vị tính; giá trị"');
    expect(out).toContain('Căn cứ: khoản 1 Điều 27 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(out).toContain('  1) 📨 Gửi đăng ký');
    expect(out).toContain('✅ Đã gửi đăng ký thi đua năm 2026 của Cục Bổ trợ tư pháp (phiên bản 1)');

    const head = run(['chat'], `/thamgia ${headCode}\n/dangky xem 2026\n1\n/dangky lichsu 2026\n`);
    expect(head.status).toBe(0);
    expect(head.stdout).toContain('Trạng thái: đã gửi, chờ duyệt (phiên bản 1)');
    expect(head.stdout).toContain('✅ Đã duyệt đăng ký thi đua năm 2026 của Cục Bổ trợ tư pháp (phiên bản 2)');
    expect(head.stdout).toMatch(/v2 · .* · Duyệt/);

    const xlsx = join(dir, 'out', 'x.xlsx');
    const exp = run(['export', '--year', '2026', '--out', xlsx]);
    expect(exp.status).toBe(0);
    expect(exp.stdout.trim().split('\n')).toEqual([xlsx, join(dir, 'out', 'x-cuc-btp.docx')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as never);
    const row = wb.worksheets[0].getRows(5, 10)!.find((r) => r.getCell(3).value === 'Cục Bổ trợ tư pháp')!;
    expect([row.getCell(4).value, row.getCell(5).value, row.getCell(6).value, row.getCell(7).value, row.getCell(8).value]).toEqual(['đã duyệt', 'Tập thể lao động xuất sắc', 20, 16, 2]);
    const targets: unknown[] = [];
    wb.worksheets[1].eachRow((r, i) => i > 4 && targets.push(r.getCell(5).value));
    expect(targets.slice(0, 2)).toEqual(['Tổ chức hội nghị phổ biến pháp luật', 'Hồ sơ giải quyết đúng hạn']);
    expect(existsSync(join(dir, 'out', 'x-cuc-btp.docx'))).toBe(true);
    expect(unzip(readFileSync(join(dir, 'out', 'x-cuc-btp.docx'))).get('word/document.xml')!.toString()).toContain('CỤC BỔ TRỢ TƯ PHÁP');

    expect(run(['export', '--year', '20x6']).status).toBe(2);
  }, 120_000); // six child processes, ~2 s each

  it('a new officer answers in their own words with no warning, and `thidua export --docx-dir` writes a DOCX to sign', () => {
    const dir = tempDir();
    const env = { ...process.env, LOG_LEVEL: 'warn', STORE_URL: `sqlite://${join(dir, 'x.sqlite')}`, DATA_DIR: dataDir() };
    const run = (args: string[], input = '') => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env, timeout: 60_000 });
    const code = run(['invite', '--unit', 'cuc-btp', '--role', 'can-bo']).stdout.trim();
    const lines = [
      `/thamgia ${code}`,
      '/dangky 2027',
      'Tập thể lao động xuất sắc',
      'khoảng 25 người',
      '20 người',
      '2 người',
      '0',
      'không',
      'Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12 | Thực hiện nhiệm vụ được giao; nhiệm vụ; hoàn thành xuất sắc | Hồ sơ giải quyết đúng hạn; %; 95%',
      'Phong trào thi đua "Đổi mới, sáng tạo trong quản lý, phục vụ Nhân dân"',
      'bỏ qua',
      'gửi',
    ];
    const out = run(['chat'], lines.join('\n') + '\n');
    expect(out.status).toBe(0);
    expect(out.stdout).not.toContain('⚠️');
    expect(out.stdout).toContain('2. Thực hiện nhiệm vụ được giao — hoàn thành xuất sắc (nhiệm vụ)');
    expect(out.stdout).toContain('✅ Đã gửi đăng ký thi đua năm 2027 của Cục Bổ trợ tư pháp (phiên bản 1)');

    const docs = join(dir, 'docs');
    const exp = run(['export', '--year', '2027', '--docx-dir', docs, '--out', join(dir, 'x.xlsx')]);
    expect(exp.status).toBe(0);
    const file = join(docs, 'dang-ky-thi-dua-2027-cuc-btp.docx');
    expect(exp.stdout.trim().split('\n')).toEqual([join(dir, 'x.xlsx'), file]);
    const xml = unzip(readFileSync(file)).get('word/document.xml')!.toString('utf8');
    expect(docxText(xml)).toContain('Số:        /ĐK-BTTP');
    expect(docxText(xml)).toContain('hoàn thành xuất sắc');
    // The place from units.yaml and the date the registration was sent (today, in TZ_NAME).
    const dateLine = /Hà Nội, ngày \d\d tháng \d\d năm \d{4}/.exec(docxText(xml))?.[0];
    expect(dateLine).toBeDefined();
    expectOfficialLayout(xml, 'BTTP', dateLine!);
  }, 120_000);
});
