import type { Title } from '../../domain/titles.js';
import { AlignmentType, body, cell, documentHeader, GRID, headRow, mm, NO_BORDERS, packDocument, pad2, Paragraph, para, row, rule, run, table, TableRow, TEXT_MM, textWidthMm } from '../shared/document.js';
import { showNumber } from '../../bot/input.js';
import { localParts } from '../../domain/time.js';
import { registrable } from './form.js';
import type { Registration } from './records.js';
import { titleName } from './summary.js';

/**
 * A printable "Bản đăng ký" laid out as an administrative document of Nghị định 30/2020/NĐ-CP
 * (Phụ lục I): A4, Times New Roman; the governing body and the unit with a short rule under it,
 * "Số: …/ĐK-<code>"; the national heading on one line and the motto with a rule as long as it;
 * place and date in italics on the line of the number; the type and summary of the document;
 * the body; recipients ("Nơi nhận") beside the signature block, kept together on one page;
 * page numbers from page 2, centred at the top.
 */
export interface DocxInput {
  reg: Registration;
  unitName: string;
  /** Abbreviation of the unit in the document number (units.yaml `code`). */
  unitCode: string;
  /** The governing body printed above the unit's name (units.yaml `documents.parent`). */
  parent?: string;
  /** Place of the date line (units.yaml); left out when unknown. */
  place?: string;
  /** The cluster the registration also goes to (a recipient). */
  clusterName?: string;
  titles: Title[];
  tz: string;
  /** Date printed in the place-and-date line when the registration has not been submitted. */
  now: Date;
}

/** "Cục Bổ trợ tư pháp" → "CỤC TRƯỞNG": the title of the person who signs for the unit. */
export function signerTitle(unitName: string): string {
  const n = unitName.normalize('NFC').trim();
  if (/^Cục\b/u.test(n)) return 'CỤC TRƯỞNG';
  if (/^Vụ\b/u.test(n)) return 'VỤ TRƯỞNG';
  if (/^Văn phòng\b/u.test(n)) return 'CHÁNH VĂN PHÒNG';
  if (/^Thanh tra\b/u.test(n)) return 'CHÁNH THANH TRA';
  if (/^Viện\b/u.test(n)) return 'VIỆN TRƯỞNG';
  return 'THỦ TRƯỞNG ĐƠN VỊ';
}

export async function buildDocx(x: DocxInput): Promise<Buffer> {
  const { reg } = x;
  const when = localParts(reg.submittedAt && reg.status !== 'draft' ? new Date(reg.submittedAt) : x.now, x.tz);
  const official = reg.status === 'submitted' || reg.status === 'approved';
  const pct = (n: number) => (reg.headcount > 0 ? `${showNumber(Math.round((n / reg.headcount) * 1000) / 10, 'vi')}%` : '—');

  const dateLine = `${x.place ? `${x.place}, ` : ''}ngày ${pad2(when.day)} tháng ${pad2(when.month)} năm ${when.year}`;
  const header = documentHeader({ parent: x.parent, issuer: x.unitName, number: `Số:        /ĐK-${x.unitCode}`, dateLine });

  const individual = registrable(x.titles).individual;
  const W1 = [13, 82, 35, 35];
  const countTable = table(
    [headRow(['STT', 'Danh hiệu thi đua', 'Số người đăng ký', 'Tỷ lệ so với tổng số'], W1, 12.5), ...individual.map((t, i) => row([String(i + 1), t.name.vi, String(reg.individual[t.id] ?? 0), pct(reg.individual[t.id] ?? 0)], W1, [1], { size: 12.5 }))],
    W1,
    GRID,
  );
  const W2 = [13, 92, 30, 30];
  const valueText = (v: number | string) => (typeof v === 'number' ? showNumber(v, 'vi') : v);
  const targetTable = table(
    [headRow(['STT', 'Nội dung chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu đăng ký'], W2, 12.5), ...reg.targets.map((t, i) => row([String(i + 1), t.content, t.unit, valueText(t.value)], W2, [1], { size: 12.5 }))],
    W2,
    GRID,
  );

  // Recipients and signature side by side, one row that cannot split, kept with the sentence before it.
  const SIGN = 95;
  const recipients = ['- Như trên;', ...(x.clusterName ? [`- ${x.clusterName} (để tổng hợp);`] : []), `- Lưu: VT, ${x.unitCode}.`];
  const signature = table(
    [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [para([run('Nơi nhận:', { bold: true, italics: true, size: 12 })], { keep: true, before: 120 }), ...recipients.map((r) => para([run(r, { size: 11 })], { keep: true }))],
            TEXT_MM - SIGN,
          ),
          cell(
            [
              para([run(signerTitle(x.unitName), { bold: true, size: 13.5 })], { align: AlignmentType.CENTER, keep: true, before: 120 }),
              para([run('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, after: 1700 }),
              para([run(' ', { bold: true })], { align: AlignmentType.CENTER }),
            ],
            SIGN,
          ),
        ],
      }),
    ],
    [TEXT_MM - SIGN, SIGN],
    NO_BORDERS,
  );

  const KINH_GUI = 28;
  const recipientsTo = ['Hội đồng Thi đua – Khen thưởng ngành Tư pháp', ...(x.clusterName ? [x.clusterName] : [])];
  const children = [
    header,
    para([run('BẢN ĐĂNG KÝ', { bold: true, size: 14 })], { align: AlignmentType.CENTER, before: 360 }),
    para([run(`Danh hiệu và chỉ tiêu thi đua năm ${reg.year}`, { bold: true, size: 14 })], { align: AlignmentType.CENTER }),
    rule(textWidthMm(`Danh hiệu và chỉ tiêu thi đua năm ${reg.year}`, 14, true) * 0.4, TEXT_MM, official ? 200 : 60),
    ...(official ? [] : [para([run('(Dự thảo – chưa gửi)', { italics: true })], { align: AlignmentType.CENTER, after: 200 })]),
    // "Kính gửi:" then the recipients one under the other, from the middle of the line (a hanging indent).
    ...recipientsTo.map((r, i) =>
      new Paragraph({
        indent: { left: mm(KINH_GUI + 20), hanging: mm(20) },
        spacing: { before: 0, after: i === recipientsTo.length - 1 ? 200 : 0, line: 276 },
        children: [run(i === 0 ? 'Kính gửi:\t' : '\t'), run(`${recipientsTo.length > 1 ? '- ' : ''}${r}${i === recipientsTo.length - 1 ? '.' : ';'}`)],
      }),
    ),
    body(`Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 và hướng dẫn công tác thi đua, khen thưởng của Bộ Tư pháp, ${x.unitName} đăng ký danh hiệu và chỉ tiêu thi đua năm ${reg.year} như sau:`),
    body([run('I. DANH HIỆU THI ĐUA TẬP THỂ', { bold: true })], { keep: true }),
    body(`Tổng số cán bộ, công chức, viên chức, người lao động của đơn vị: ${reg.headcount} người.`),
    body([run('Đơn vị đăng ký danh hiệu: '), run(reg.collectiveTitle ? `“${titleName(x.titles, reg.collectiveTitle, 'vi')}”.` : 'không đăng ký danh hiệu tập thể.', { bold: !!reg.collectiveTitle })]),
    body([run('II. DANH HIỆU THI ĐUA CÁ NHÂN', { bold: true })], { keep: true }),
    countTable,
    body([run('III. CHỈ TIÊU THI ĐUA', { bold: true })], { keep: true, before: 200 }),
    targetTable,
    ...(reg.movements.length ? [body([run('IV. PHONG TRÀO THI ĐUA THAM GIA', { bold: true })], { keep: true, before: 200 }), ...reg.movements.map((m) => body(`- ${m}`))] : []),
    ...(reg.notes ? [body([run('Ghi chú: ', { bold: true }), run(reg.notes)], { before: 120 })] : []),
    body(`${x.unitName} cam kết tổ chức thực hiện, phấn đấu hoàn thành các danh hiệu, chỉ tiêu thi đua đã đăng ký.`, { before: 200, keep: true }),
    signature,
  ];

  return packDocument(`Bản đăng ký thi đua năm ${reg.year} — ${x.unitName}`, children);
}
