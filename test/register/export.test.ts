import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { exportToFiles, createKit } from '../../src/flows/register/index.js';
import { clock, joined, tempDir, testApp } from '../helpers/app.js';
import { GOOD, recordConsole, unzip } from './helpers.js';

async function readBook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const rows = (i: number) => {
    const ws = wb.worksheets[i];
    const out: unknown[][] = [];
    ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
    return out;
  };
  return { names: wb.worksheets.map((w) => w.name), units: rows(0), targets: rows(1) };
}

describe('export', () => {
  let app: App;
  afterEach(async () => app?.close());

  async function registered() {
    app = await testApp({ now: clock('2026-02-10T03:00:00Z').now });
    recordConsole(app);
    const o = await joined(app, 'oA', 'cuc-btp', 'officer');
    for (const x of ['/dangky', ...GOOD.slice(0, 8), 'Đơn vị đăng ký sau khi họp cơ quan', 'gửi']) await o.say(x);
    await (await joined(app, 'hA', 'cuc-btp', 'head')).press('reg:approve:cuc-btp:2026:1');
    return o;
  }

  it('writes a workbook with one row per unit and every target, and a DOCX per registered unit', async () => {
    await registered();
    const dir = tempDir();
    const r = await exportToFiles(createKit(app.services), 2026, join(dir, 'x.xlsx'));
    expect(r).toMatchObject({ units: 7, registered: 1, docx: [join(dir, 'x-cuc-btp.docx')] });

    const book = await readBook(readFileSync(join(dir, 'x.xlsx')));
    expect(book.names).toEqual(['Đăng ký 2026', 'Chỉ tiêu 2026']);
    expect(book.units[0]).toEqual(['Cụm thi đua', 'Mã đơn vị', 'Đơn vị', 'Trạng thái', 'Danh hiệu tập thể đăng ký', 'Tổng số cán bộ', 'LĐTT', 'CSTĐCS', 'CSTĐ cấp Bộ', 'CSTĐTQ', 'Số chỉ tiêu', 'Ngày gửi', 'Ngày duyệt', 'Phiên bản']);
    const row = book.units.find((x) => x[1] === 'cuc-btp');
    expect(row).toEqual(['Cụm thi đua số III – khối các đơn vị thuộc Bộ Tư pháp', 'cuc-btp', 'Cục Bổ trợ tư pháp', 'đã duyệt', 'Tập thể lao động xuất sắc', 20, 16, 2, 0, 0, 2, '10/02/2026 10:00', '10/02/2026 10:00', 2]);
    expect(book.units.find((x) => x[1] === 'vu-htqt')?.[3]).toBe('chưa đăng ký');
    expect(book.targets.slice(1)).toEqual([
      ['Cụm thi đua số III – khối các đơn vị thuộc Bộ Tư pháp', 'Cục Bổ trợ tư pháp', 1, 'Tổ chức hội nghị phổ biến pháp luật', 'hội nghị', 12, 'đã duyệt'],
      ['Cụm thi đua số III – khối các đơn vị thuộc Bộ Tư pháp', 'Cục Bổ trợ tư pháp', 2, 'Hồ sơ giải quyết đúng hạn', '%', 100, 'đã duyệt'],
    ]);

    const files = unzip(readFileSync(join(dir, 'x-cuc-btp.docx')));
    const xml = files.get('word/document.xml')!.toString('utf8');
    for (const s of ['BỘ TƯ PHÁP', 'CỤC BỔ TRỢ TƯ PHÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BẢN ĐĂNG KÝ THI ĐUA NĂM 2026', 'Tập thể lao động xuất sắc', 'Tổ chức hội nghị phổ biến pháp luật', 'Hà Nội, ngày 10 tháng 02 năm 2026', 'THỦ TRƯỞNG ĐƠN VỊ', 'Đơn vị đăng ký sau khi họp cơ quan'])
      expect(xml).toContain(s);
    expect(xml).not.toContain('Dự thảo');
  });

  it('/xuat gives admins the workbook and officers their unit’s DOCX', async () => {
    const officer = await registered();
    const [doc] = await officer.send('/xuat 2026');
    expect(doc.file?.name).toBe('dang-ky-thi-dua-2026-cuc-btp.docx');
    expect(unzip(Buffer.from(doc.file!.bytes)).get('word/document.xml')!.toString()).toContain('Cục Bổ trợ tư pháp');
    const admin = await joined(app, 'ad', 'vu-tccb', 'admin');
    const [xlsx] = await admin.send('/export');
    expect(xlsx.text).toContain('7 đơn vị, 1 đã có đăng ký');
    expect((await readBook(Buffer.from(xlsx.file!.bytes))).units.find((x) => x[1] === 'cuc-btp')?.[5]).toBe(20);
    const other = await joined(app, 'oB', 'vu-htqt', 'officer');
    expect(await other.say('/xuat')).toContain('Vụ Hợp tác quốc tế chưa có đăng ký năm 2026');
  });
});
