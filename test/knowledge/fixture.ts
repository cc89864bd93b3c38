import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A small knowledge base written for tests (not the shipped one), so each test controls what exists. */
export const PASSAGES: Record<string, string> = {
  'cstdcs.md': `---
id: t-cstdcs
title: Tiêu chuẩn danh hiệu "Chiến sĩ thi đua cơ sở"
doc: luat-06-2022
article: "23"
effective: 2024-01-01
superseded_by: null
confidence: high
tags: [ca-nhan, cstdcs]
keywords: [điều kiện chiến sĩ thi đua cơ sở, CSTĐCS cần gì, sáng kiến có bắt buộc không]
source: https://example.org/luat-06-2022/dieu-23
---
Chiến sĩ thi đua cơ sở được xét cho cá nhân đạt Lao động tiên tiến và thêm một thành tích.
- Đạt tiêu chuẩn Lao động tiên tiến.
- Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận, hoặc có đề tài khoa học đã nghiệm thu.
Lưu ý: sáng kiến không còn bắt buộc.
EN: Grassroots Emulation Fighter: Advanced Worker plus excellent task completion, a recognised initiative or an accepted research topic.
`,
  'ldtt.md': `---
id: t-ldtt
title: Tiêu chuẩn danh hiệu "Lao động tiên tiến"
doc: luat-06-2022
article: 24
clause: 1
effective: 2024-01-01
superseded_by: null
confidence: high
tags: [ca-nhan, ldtt]
keywords: [điều kiện lao động tiên tiến, LĐTT]
source: https://example.org/luat-06-2022/dieu-24
---
Lao động tiên tiến được xét cho người hoàn thành tốt nhiệm vụ trở lên.
- Hoàn thành tốt nhiệm vụ trở lên.
- Có tinh thần tự lực, đoàn kết, tích cực tham gia phong trào thi đua.
`,
  'cu-15.md': `---
id: t-cstdcs-15-cu
title: Tỷ lệ 15% Chiến sĩ thi đua cơ sở (quy định cũ)
doc: nd-91-2017
article: "9"
clause: "3"
effective: 2017-10-01
superseded_by: nd-98-2023
confidence: high
tags: [cstdcs, ty-le, quy-dinh-cu]
keywords: [tỷ lệ 15 phần trăm chiến sĩ thi đua cơ sở, khống chế số lượng]
source: https://example.org/nd-91-2017/dieu-9
---
Nghị định 91/2017 từng giới hạn số Chiến sĩ thi đua cơ sở không quá 15% số người đạt Lao động tiên tiến.
- Áp dụng đến hết năm 2023; nay là Nghị định 152/2025/NĐ-CP, không còn tỷ lệ này.
`,
  'ttldtt.md': `---
id: t-ttldtt
title: Tiêu chuẩn "Tập thể lao động tiên tiến" – chưa xác minh
doc: luat-06-2022
article: "28"
effective: 2024-01-01
superseded_by: null
confidence: low
tags: [tap-the, ttldtt]
keywords: [điều kiện tập thể lao động tiên tiến, TTLĐTT]
source: https://example.org/luat-06-2022/dieu-28
---
Nguyên văn tiêu chuẩn tập thể lao động tiên tiến theo Luật 2022 chưa được đối chiếu.
- Theo luật cũ: hoàn thành tốt nhiệm vụ, trên 50% thành viên đạt Lao động tiên tiến.
`,
  'co-cp.md': `---
id: t-co-cp
title: Tiêu chuẩn "Cờ thi đua của Chính phủ"
doc: luat-06-2022
article: "25"
effective: 2024-01-01
superseded_by: null
confidence: high
tags: [tap-the, co-thi-dua]
keywords: [cờ chính phủ, điều kiện cờ thi đua chính phủ]
source: https://example.org/luat-06-2022/dieu-25
---
Cờ thi đua của Chính phủ tặng hằng năm cho tập thể tiêu biểu trong số các tập thể dẫn đầu cụm, khối thi đua.
- Vượt chỉ tiêu thi đua và nhiệm vụ được giao trong năm.
- Nội bộ đoàn kết, tổ chức đảng, đoàn thể trong sạch, vững mạnh.
EN: Government Emulation Flag: yearly, to outstanding collectives among the leaders of emulation clusters that exceed their targets.
`,
  'tien-thuong.md': `---
id: t-tien-thuong
title: Mức tiền thưởng danh hiệu thi đua cá nhân
doc: nd-98-2023
article: "54"
effective: 2024-01-01
superseded_by: null
confidence: high
tags: [tien-thuong]
keywords: [tiền thưởng chiến sĩ thi đua, được thưởng bao nhiêu tiền, hệ số lương cơ sở]
source: https://example.org/nd-98-2023/dieu-54
---
Tiền thưởng danh hiệu thi đua tính theo hệ số của mức lương cơ sở (quy định cũ; nay là Nghị định 152/2025/NĐ-CP).
- Chiến sĩ thi đua cơ sở: 1,0 lần lương cơ sở.
- Lao động tiên tiến: 0,3 lần lương cơ sở.
`,
  'ho-so.md': `---
id: t-ho-so
title: Hồ sơ đề nghị xét tặng danh hiệu thi đua
doc: luat-06-2022
article: "84"
clause: "1"
effective: 2024-01-01
superseded_by: null
confidence: medium
tags: [ho-so, thu-tuc]
keywords: [hồ sơ đề nghị, thủ tục xét tặng, giấy tờ cần nộp]
source: https://example.org/luat-06-2022/dieu-84
---
Hồ sơ đề nghị xét tặng danh hiệu thi đua gồm tờ trình, báo cáo thành tích và biên bản bình xét.
- Tờ trình đề nghị.
- Báo cáo thành tích của cá nhân, tập thể.
- Biên bản bình xét thi đua.
`,
};

export function tempDir(prefix = 'thidua-kb-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The shipped document registry and base salary, which every data dir needs. */
const shipped = (name: string) => readFileSync(join(import.meta.dirname, '../../data', name), 'utf8');
export const REGISTRY: Record<string, string> = { 'documents.yaml': shipped('documents.yaml'), 'base-salary.yaml': shipped('base-salary.yaml') };

/**
 * A data dir with the shipped registry and `knowledge/*.md` (the fixture passages), plus/overridden by `files`
 * (paths relative to the data dir).
 */
export function makeDataDir(files: Record<string, string> = {}, passages: Record<string, string> = PASSAGES): string {
  const dir = tempDir();
  const all: Record<string, string> = { ...REGISTRY };
  for (const [name, text] of Object.entries(passages)) all[`knowledge/${name}`] = text;
  Object.assign(all, files);
  for (const [rel, text] of Object.entries(all)) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text, 'utf8');
  }
  mkdirSync(join(dir, 'knowledge'), { recursive: true });
  return dir;
}
