/** Document codes of the knowledge base (DESIGN.md) and how to cite them. */
export interface DocInfo {
  code: string;
  vi: string;
  en: string;
  effective: string | null;
  supersededBy: string | null;
}

export const DOCS: Record<string, DocInfo> = {
  'luat-06-2022': { code: 'luat-06-2022', vi: 'Luật Thi đua, khen thưởng số 06/2022/QH15', en: 'Law on Emulation and Commendation No. 06/2022/QH15', effective: '2024-01-01', supersededBy: null },
  'nd-98-2023': { code: 'nd-98-2023', vi: 'Nghị định 98/2023/NĐ-CP', en: 'Decree 98/2023/ND-CP', effective: '2024-01-01', supersededBy: null },
  'tt-01-2024-bnv': { code: 'tt-01-2024-bnv', vi: 'Thông tư 01/2024/TT-BNV', en: 'Circular 01/2024/TT-BNV (Ministry of Home Affairs)', effective: '2024-04-15', supersededBy: null },
  'tt-14-2025-btp': { code: 'tt-14-2025-btp', vi: 'Thông tư 14/2025/TT-BTP', en: 'Circular 14/2025/TT-BTP (Ministry of Justice)', effective: '2025-09-15', supersededBy: null },
  'cv-5007-2023-bnv': { code: 'cv-5007-2023-bnv', vi: 'Công văn 5007/BNV-TĐKT (2023)', en: 'Official letter 5007/BNV-TDKT (2023)', effective: '2023-09-05', supersededBy: null },
  'cv-5034-2023-btp': { code: 'cv-5034-2023-btp', vi: 'Công văn 5034/BTP-TCCB (2023)', en: 'Official letter 5034/BTP-TCCB (2023)', effective: '2023-10-19', supersededBy: null },
  'btp-thuc-tien': { code: 'btp-thuc-tien', vi: 'Thực tiễn của Bộ Tư pháp (tổng hợp)', en: 'Ministry of Justice practice (compiled)', effective: null, supersededBy: null },
  'tt-05-2018-btp': { code: 'tt-05-2018-btp', vi: 'Thông tư 05/2018/TT-BTP', en: 'Circular 05/2018/TT-BTP', effective: '2018-07-21', supersededBy: 'unknown-btp-2024' },
  'tt-06-2018-btp': { code: 'tt-06-2018-btp', vi: 'Thông tư 06/2018/TT-BTP', en: 'Circular 06/2018/TT-BTP', effective: '2018-07-21', supersededBy: 'tt-14-2025-btp' },
  'nd-91-2017': { code: 'nd-91-2017', vi: 'Nghị định 91/2017/NĐ-CP', en: 'Decree 91/2017/ND-CP', effective: '2017-10-01', supersededBy: 'nd-98-2023' },
  'unknown-btp-2024': { code: 'unknown-btp-2024', vi: 'Thông tư của Bộ Tư pháp thay thế Thông tư 05/2018/TT-BTP (chưa xác định được số hiệu)', en: 'Ministry of Justice circular replacing Circular 05/2018/TT-BTP (number not identified)', effective: null, supersededBy: null },
  'luat-2003': { code: 'luat-2003', vi: 'Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2009, 2013)', en: 'Law on Emulation and Commendation 2003 (amended 2005, 2009, 2013)', effective: '2004-01-01', supersededBy: 'luat-06-2022' },
};

export interface Citation {
  doc: string;
  article?: string;
  clause?: string;
}

/** "khoản 1 Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15" / "Article 23(1) …". */
export function citeText(c: Citation, locale: 'vi' | 'en'): string {
  const d = DOCS[c.doc];
  const name = d ? d[locale] : c.doc;
  if (locale === 'en') {
    const art = c.article ? `Article ${c.article}${c.clause ? `(${c.clause})` : ''}, ` : '';
    return `${art}${name}`;
  }
  const art = c.article ? `${c.clause ? `khoản ${c.clause} ` : ''}Điều ${c.article} ` : '';
  return `${art}${name}`;
}
