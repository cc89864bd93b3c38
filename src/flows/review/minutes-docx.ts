import { AlignmentType, body, cell, documentHeader, GRID, headRow, NO_BORDERS, packDocument, pad2, para, row, rule, run, table, TableRow, TEXT_MM, textWidthMm, type Node } from '../shared/document.js';
import { localParts } from '../../domain/time.js';
import type { ReviewConfig } from '../../domain/review.js';
import type { Ballot } from './records.js';
import { neededVoters, neededYes, type RankRow } from './scoring.js';

/**
 * "Biên bản họp bình xét, suy tôn thi đua" of a cluster, laid out as an administrative document of
 * Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, Times New Roman 13–14, margins 20/20/30/15 mm; the
 * governing body and the cluster with a short rule under it, the number "Số: …/BB-…"; the
 * national heading and the motto with a rule as long as it; place and date in italics; the type
 * ("BIÊN BẢN") and summary; the body; the signature blocks of the secretary and the cluster head
 * side by side, kept together; page numbers from page 2. Counts only — never a unit's choices.
 */
export interface MinutesInput {
  cfg: ReviewConfig;
  clusterName: string;
  /** Short code in the document number (e.g. "CTĐIII"). */
  clusterCode: string;
  unitName(id: string): string;
  rows: RankRow[];
  /** The cluster's ballots of the year, in the order they were opened. */
  ballots: Ballot[];
  /** The unit of the cluster head, when one is bound. */
  chairUnit?: string;
  tz: string;
  now: Date;
}

const vn = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const count2 = (n: number) => pad2(n); // "06 đơn vị", as administrative texts write small counts

export async function buildMinutesDocx(x: MinutesInput): Promise<Buffer> {
  const { cfg } = x;
  const closed = x.ballots.filter((b) => b.state === 'closed' && b.result);
  const lastClose = closed.map((b) => b.closedAt ?? b.closesAt).sort().at(-1);
  const when = localParts(lastClose ? new Date(lastClose) : x.now, x.tz);
  const members = x.rows.map((r) => r.unitId);

  const header = documentHeader({
    parent: 'BỘ TƯ PHÁP',
    issuer: x.clusterName.split('–')[0].trim(),
    number: `Số:        /BB-${x.clusterCode}`,
    dateLine: `${cfg.dates.place}, ngày ${pad2(when.day)} tháng ${pad2(when.month)} năm ${when.year}`,
  });

  const summary = `Họp bình xét, suy tôn thi đua năm ${cfg.year} của ${x.clusterName.split('–')[0].trim()}`;
  // The day of the minutes is the day of the vote (its last closing); the planned meeting's hour is
  // printed only when the vote was held that day, else it is left for the secretary to fill in.
  const meeting = cfg.dates.meeting.split(' ');
  const held = `${when.year}-${pad2(when.month)}-${pad2(when.day)}`;
  const hour = meeting[0] === held && meeting[1] ? `${meeting[1].replace(':', ' giờ ')} phút` : '...... giờ ......';
  const children: Node[] = [
    header,
    para([run('BIÊN BẢN', { bold: true, size: 14 })], { align: AlignmentType.CENTER, before: 360 }),
    para([run(summary, { bold: true, size: 14 })], { align: AlignmentType.CENTER }),
    rule(textWidthMm(summary, 14, true) * 0.35, TEXT_MM, cfg.sample ? 60 : 200),
    ...(cfg.sample
      ? [para([run('(Bản mẫu: bảng chấm điểm và ngưỡng bỏ phiếu lấy từ dữ liệu mẫu, chưa phải quy định)', { italics: true, size: 12 })], { align: AlignmentType.CENTER, after: 200 })]
      : []),
    body(
      `Hôm nay, hồi ${hour}, ngày ${pad2(when.day)} tháng ${pad2(when.month)} năm ${when.year}, tại ${cfg.dates.place}, ${x.clusterName.split('–')[0].trim()} tổ chức họp bình xét, suy tôn thi đua năm ${cfg.year}.`,
    ),
    body([run('I. THÀNH PHẦN', { bold: true })], { keep: true }),
    body(`- Chủ trì: đồng chí ................................................, Cụm trưởng${x.chairUnit ? ` (${x.chairUnit})` : ''}.`),
    body('- Thư ký: đồng chí ................................................'),
    body(`- Đơn vị thành viên của Cụm: ${count2(members.length)} đơn vị, gồm: ${members.map((u) => x.unitName(u)).join('; ')}.`),
  ];
  for (const b of x.ballots) {
    const voters = b.result?.voters ?? [];
    if (b.state === 'closed' && b.result)
      children.push(
        body(
          `- Đơn vị có mặt và tham gia bỏ phiếu suy tôn danh hiệu “${b.title.vi}”: ${count2(voters.length)}/${count2(b.eligible.length)} đơn vị${voters.length ? `, gồm: ${voters.map((u) => x.unitName(u)).join('; ')}` : ''}.`,
        ),
      );
  }

  children.push(body([run('II. NỘI DUNG', { bold: true })], { keep: true, before: 120 }));
  children.push(body([run('1. Kết quả tự chấm điểm thi đua của các đơn vị', { bold: true, italics: true })], { keep: true }));
  children.push(body(`Các đơn vị tự chấm điểm theo bảng tiêu chí của Cụm (tối đa ${vn(cfg.maxTotal)} điểm), kèm báo cáo tổng kết năm; kết quả như sau:`, { keep: true }));
  const W1 = [13, 92, 25, 35];
  const status = (r: RankRow) => (r.status === 'approved' ? 'Đã duyệt' : r.status === 'submitted' ? 'Chờ duyệt' : r.status === 'none' ? 'Chưa gửi' : r.status === 'returned' ? 'Bị trả lại' : 'Chưa gửi');
  children.push(
    table(
      [headRow(['STT', 'Đơn vị', 'Điểm tự chấm', 'Tình trạng'], W1, 12), ...x.rows.map((r, i) => row([String(i + 1), x.unitName(r.unitId), r.score === null ? '—' : vn(r.score), status(r)], W1, [1], { size: 12 }))],
      W1,
      GRID,
    ),
  );

  children.push(body([run('2. Kết quả bỏ phiếu kín suy tôn', { bold: true, italics: true })], { keep: true, before: 200 }));
  if (!x.ballots.length) children.push(body('Cụm chưa tổ chức bỏ phiếu.'));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  x.ballots.forEach((b, bi) => {
    const s = b.settings;
    children.push(body([run(`${letters[bi]}) Danh hiệu “${b.title.vi}”`, { bold: true })], { keep: true, before: bi ? 200 : 0 }));
    const cmp = s.comparison === 'at-least' ? 'từ' : 'trên';
    const base = s.passBase === 'eligible' ? 'tổng số đơn vị thành viên' : 'tổng số phiếu bầu';
    if (!b.result || b.state !== 'closed') {
      children.push(body(`Phiếu bầu đang mở (đóng lúc ${closeLine(b.closesAt, x.tz)}); chưa có kết quả.`));
      return;
    }
    const r = b.result;
    children.push(
      body(
        `Số đơn vị thành viên: ${count2(b.eligible.length)}; số phiếu phát ra: ${count2(b.eligible.length)}; số phiếu thu về: ${count2(r.voted)}; số phiếu hợp lệ: ${count2(r.voted)}. Tỷ lệ tham gia tối thiểu ${s.quorum.label} (ít nhất ${neededVoters(b)} đơn vị): ${r.quorumMet ? 'đạt' : 'KHÔNG đạt — không ứng viên nào được suy tôn'}.`,
      ),
    );
    children.push(body(`Ngưỡng suy tôn: ứng viên đạt khi được ${cmp} ${s.pass.label} số phiếu “Đồng ý” trên ${base} (ít nhất ${neededYes(b, r.voted)} phiếu). Nguồn ngưỡng: ${s.source.vi}`, { keep: true }));
    const W2 = [12, 65, 20, 22, 21, 25];
    const baseN = s.passBase === 'eligible' ? b.eligible.length : r.voted;
    children.push(
      table(
        [
          headRow(['STT', 'Đơn vị được đề nghị', 'Đồng ý', 'Không đồng ý', 'Tỷ lệ đồng ý', 'Kết quả'], W2, 12),
          ...r.candidates.map((c, i) =>
            row([String(i + 1), x.unitName(c.unit), String(c.yes), String(c.no), baseN ? `${vn(Math.round((c.yes / baseN) * 1000) / 10)}%` : '—', c.passed ? 'Đạt' : 'Không đạt'], W2, [1], { size: 12 }),
          ),
        ],
        W2,
        GRID,
      ),
    );
  });

  children.push(body([run('III. KẾT LUẬN', { bold: true })], { keep: true, before: 200 }));
  const decided = closed.filter((b) => b.result!.candidates.some((c) => c.passed));
  if (!decided.length) children.push(body(closed.length ? 'Không có đơn vị nào đạt ngưỡng suy tôn.' : 'Chưa có kết quả bỏ phiếu.'));
  else {
    children.push(body(`${x.clusterName.split('–')[0].trim()} thống nhất đề nghị Hội đồng Thi đua – Khen thưởng ngành Tư pháp xem xét:`, { keep: true }));
    for (const b of decided)
      children.push(body(`- Tặng danh hiệu “${b.title.vi}” năm ${cfg.year} cho: ${b.result!.candidates.filter((c) => c.passed).map((c) => x.unitName(c.unit)).join('; ')}.`));
  }
  children.push(body('Biên bản kết thúc lúc ...... giờ ...... cùng ngày, đã được thông qua tại cuộc họp và lập thành 02 bản để lưu hồ sơ và gửi kèm hồ sơ đề nghị khen thưởng./.', { before: 120, keep: true }));

  const HALF = TEXT_MM / 2;
  children.push(
    table(
      [
        new TableRow({
          cantSplit: true,
          children: [
            cell(
              [
                para([run('THƯ KÝ', { bold: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, before: 240 }),
                para([run('(Ký, ghi rõ họ tên)', { italics: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, after: 1700 }),
              ],
              HALF,
            ),
            cell(
              [
                para([run('CỤM TRƯỞNG', { bold: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, before: 240 }),
                para([run('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, after: 1700 }),
              ],
              HALF,
            ),
          ],
        }),
      ],
      [HALF, HALF],
      NO_BORDERS,
    ),
  );

  return packDocument(`Biên bản bình xét, suy tôn thi đua năm ${cfg.year} — ${x.clusterName}`, children);
}

function closeLine(iso: string, tz: string): string {
  const p = localParts(new Date(iso), tz);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}
