import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { exportToFiles, createKit } from '../../src/flows/register/index.js';
import { clock, joined, tempDir, testApp } from '../helpers/app.js';
import { HEADER_ROW } from '../../src/flows/register/export-xlsx.js';
import { docxText, expectOfficialLayout, GOOD, recordConsole, unzip } from './helpers.js';

/** The sheets of a workbook: header row (row 4) and the rows under it, cells as values (formulas as their results). */
async function readBook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const rows = (i: number) => {
    const ws = wb.worksheets[i];
    const out: unknown[][] = [];
    // A formula reads as its cached result (exceljs drops a cached 0 when reading: the file holds <v>0</v>).
    const cached = (v: unknown) => (v && typeof v === 'object' && 'formula' in v ? ((v as { result?: unknown }).result ?? 0) : v);
    ws.eachRow((r, n) => n >= HEADER_ROW && out.push((r.values as unknown[]).slice(1).map(cached)));
    return out;
  };
  return { wb, names: wb.worksheets.map((w) => w.name), units: rows(0), targets: rows(1) };
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
    const ws = book.wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2026');
    expect(ws.getCell('A2').value).toBe('Số liệu đến 10/02/2026 10:00 (giờ Asia/Ho_Chi_Minh) · 7 đơn vị, 1 đã có đăng ký');
    expect(book.units[0]).toEqual(['STT', 'Cụm thi đua', 'Đơn vị', 'Trạng thái', 'Danh hiệu tập thể đăng ký', 'Tổng số cán bộ', 'LĐTT', 'CSTĐCS', 'CSTĐ cấp Bộ', 'CSTĐTQ', 'Số chỉ tiêu', 'Ngày gửi', 'Ngày duyệt', 'Phiên bản']);
    const row = book.units.find((x) => x[2] === 'Cục Bổ trợ tư pháp');
    // Dates are dates (the local time of TZ_NAME), not text.
    const local = new Date('2026-02-10T10:00:00Z');
    expect(row).toEqual([2, 'Cụm thi đua số III – khối các đơn vị thuộc Bộ Tư pháp', 'Cục Bổ trợ tư pháp', 'đã duyệt', 'Tập thể lao động xuất sắc', 20, 16, 2, 0, 0, 2, local, local, 2]);
    expect(ws.getCell('L6').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(book.units.find((x) => x[2] === 'Vụ Hợp tác quốc tế')?.[3]).toBe('chưa đăng ký');
    // No internal id anywhere (unit ids, person keys).
    expect(JSON.stringify(book.units)).not.toMatch(/cuc-btp|vu-htqt|console:/);
    // The totals row: units counted, people and targets summed by formulas.
    const totals = book.units.at(-1)!;
    expect(totals.slice(1, 11)).toEqual(['Tổng cộng', '7 đơn vị', '1 đã đăng ký', 'TTLĐXS: 1', 20, 16, 2, 0, 0, 2]);
    expect(ws.getCell(`F${HEADER_ROW + 8}`).formula).toBe(`SUM(F${HEADER_ROW + 1}:F${HEADER_ROW + 7})`);
    // Frozen header and unit columns; A4 landscape, one page wide, header repeated on every page.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
    expect(book.targets.slice(1)).toEqual([
      [1, 'Cụm thi đua số III – khối các đơn vị thuộc Bộ Tư pháp', 'Cục Bổ trợ tư pháp', 1, 'Tổ chức hội nghị phổ biến pháp luật', 'hội nghị', 12, 'đã duyệt'],
      [2, 'Cụm thi đua số III – khối các đơn vị thuộc Bộ Tư pháp', 'Cục Bổ trợ tư pháp', 2, 'Hồ sơ giải quyết đúng hạn', '%', 100, 'đã duyệt'],
      ['Tổng số: 2 chỉ tiêu của 1 đơn vị', 'Tổng số: 2 chỉ tiêu của 1 đơn vị', 'Tổng số: 2 chỉ tiêu của 1 đơn vị', 'Tổng số: 2 chỉ tiêu của 1 đơn vị', 'Tổng số: 2 chỉ tiêu của 1 đơn vị', 'Tổng số: 2 chỉ tiêu của 1 đơn vị', 'Tổng số: 2 chỉ tiêu của 1 đơn vị', 'Tổng số: 2 chỉ tiêu của 1 đơn vị'],
    ]);
    expect(book.wb.worksheets[1].pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });

    const xml = unzip(readFileSync(join(dir, 'x-cuc-btp.docx'))).get('word/document.xml')!.toString('utf8');
    const doc = docxText(xml);
    for (const s of ['BỘ TƯ PHÁP', 'CỤC BỔ TRỢ TƯ PHÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BẢN ĐĂNG KÝ', 'Danh hiệu và chỉ tiêu thi đua năm 2026', 'Tập thể lao động xuất sắc', 'Tổ chức hội nghị phổ biến pháp luật', 'CỤC TRƯỞNG', 'Nơi nhận:', '- Lưu: VT, BTTP.', 'Đơn vị đăng ký sau khi họp cơ quan'])
      expect(doc).toContain(s);
    expect(doc).not.toContain('Dự thảo');
    expect(doc).not.toMatch(/cuc-btp|console:/);
    expectOfficialLayout(xml, 'BTTP', 'Hà Nội, ngày 10 tháng 02 năm 2026');
  });

  it('/xuat gives admins the workbook and officers their unit’s DOCX', async () => {
    const officer = await registered();
    const [doc] = await officer.send('/xuat 2026');
    expect(doc.file?.name).toBe('dang-ky-thi-dua-2026-cuc-btp.docx');
    expect(unzip(Buffer.from(doc.file!.bytes)).get('word/document.xml')!.toString()).toContain('Cục Bổ trợ tư pháp');
    const admin = await joined(app, 'ad', 'vu-tccb', 'admin');
    const [xlsx] = await admin.send('/export');
    expect(xlsx.text).toContain('7 đơn vị, 1 đã có đăng ký');
    expect((await readBook(Buffer.from(xlsx.file!.bytes))).units.find((x) => x[2] === 'Cục Bổ trợ tư pháp')?.[5]).toBe(20);
    const other = await joined(app, 'oB', 'vu-htqt', 'officer');
    expect(await other.say('/xuat')).toContain('Vụ Hợp tác quốc tế chưa có đăng ký năm 2026');
  });
});
