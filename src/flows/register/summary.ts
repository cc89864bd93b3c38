import { tr, type Msg } from '../../text/i18n.js';
import type { Locale } from '../../bot/types.js';
import { titleAbbr, type Title } from '../../domain/titles.js';
import { showLocal } from '../../domain/dates.js';
import { registrable } from './form.js';
import { showNumber } from '../../bot/input.js';
import type { Registration, RegistrationStatus, Target } from './records.js';
import type { RegistrationData } from './versions.js';

/** How a registration, its status and its history read in chat. */
export const STATUS: Record<RegistrationStatus | 'missing', Msg> = {
  missing: { vi: 'chưa đăng ký', en: 'not registered' },
  draft: { vi: 'bản nháp', en: 'draft' },
  submitted: { vi: 'đã gửi, chờ duyệt', en: 'submitted, awaiting approval' },
  approved: { vi: 'đã duyệt', en: 'approved' },
  returned: { vi: 'bị trả lại để sửa', en: 'returned for changes' },
};

const M = {
  head: { vi: '📋 Đăng ký thi đua năm {year} — {unit}', en: '📋 Emulation registration {year} — {unit}' },
  status: { vi: 'Trạng thái: {status} (phiên bản {version})', en: 'Status: {status} (version {version})' },
  collective: { vi: 'Danh hiệu tập thể: {title}', en: 'Collective title: {title}' },
  none: { vi: 'không đăng ký', en: 'none' },
  headcount: { vi: 'Tổng số cán bộ: {n}', en: 'Total staff: {n}' },
  individual: { vi: 'Cá nhân đăng ký:', en: 'Individuals aiming for:' },
  targets: { vi: 'Chỉ tiêu ({n}):', en: 'Targets ({n}):' },
  movements: { vi: 'Phong trào tham gia: {list}', en: 'Movements joined: {list}' },
  notes: { vi: 'Ghi chú: {text}', en: 'Notes: {text}' },
  returned: { vi: '↩️ Lý do trả lại: {comment}', en: '↩️ Returned because: {comment}' },
  submittedAt: { vi: 'Gửi lúc: {at}', en: 'Submitted: {at}' },
  approvedAt: { vi: 'Duyệt lúc: {at}', en: 'Approved: {at}' },
  historyHead: { vi: '🕘 Lịch sử đăng ký năm {year} — {unit}', en: '🕘 Registration history {year} — {unit}' },
  noHistory: { vi: 'Chưa có lịch sử.', en: 'No history yet.' },
  reason: { vi: 'lý do: {text}', en: 'reason: {text}' },
  comment: { vi: 'ý kiến: {text}', en: 'comment: {text}' },
  noChange: { vi: 'không thay đổi số liệu', en: 'no data changed' },
} satisfies Record<string, Msg>;

export const ACTION: Record<Registration['history'][number]['action'], Msg> = {
  save: { vi: 'Lưu nháp', en: 'Saved draft' },
  submit: { vi: 'Gửi đăng ký', en: 'Submitted' },
  approve: { vi: 'Duyệt', en: 'Approved' },
  return: { vi: 'Trả lại', en: 'Returned' },
  amend: { vi: 'Điều chỉnh sau hạn', en: 'Amended after the deadline' },
};

const FIELD: Record<string, Msg> = {
  collectiveTitle: { vi: 'Danh hiệu tập thể', en: 'Collective title' },
  headcount: { vi: 'Tổng số cán bộ', en: 'Total staff' },
  'targets+': { vi: 'Thêm chỉ tiêu', en: 'Added target' },
  'targets-': { vi: 'Bỏ chỉ tiêu', en: 'Removed target' },
  'targets~': { vi: 'Sửa chỉ tiêu', en: 'Changed target' },
  movements: { vi: 'Phong trào', en: 'Movements' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
};

export const titleName = (titles: Title[], id: string | null, locale: Locale) => (id ? titles.find((t) => t.id === id)?.name[locale] ?? id : tr(locale, M.none));
const abbr = titleAbbr;

/** The data part: collective title, headcount, counts, numbered targets. */
export function renderData(d: RegistrationData, titles: Title[], locale: Locale): string {
  const lines = [tr(locale, M.collective, { title: titleName(titles, d.collectiveTitle, locale) }), tr(locale, M.headcount, { n: d.headcount }), tr(locale, M.individual)];
  for (const t of registrable(titles).individual) lines.push(`  • ${t.name[locale]}: ${d.individual[t.id] ?? 0}`);
  lines.push(tr(locale, M.targets, { n: d.targets.length }));
  d.targets.forEach((t, i) => lines.push(`  ${i + 1}. ${t.content} — ${targetValueText(t, locale)}`));
  if (d.movements.length) lines.push(tr(locale, M.movements, { list: d.movements.join('; ') }));
  if (d.notes) lines.push(tr(locale, M.notes, { text: d.notes }));
  return lines.join('\n');
}

/** "12 hội nghị", "100 %", or a qualitative value with its unit: "hoàn thành xuất sắc (nhiệm vụ)". */
export const targetValueText = (t: Target, locale: Locale) => (typeof t.value === 'number' ? `${showNumber(t.value, locale)} ${t.unit}` : `${t.value} (${t.unit})`);

export function renderHeader(unitName: string, year: number, locale: Locale): string {
  return tr(locale, M.head, { year, unit: unitName });
}

/** A stored registration with its status and dates. */
export function renderRegistration(r: Registration, unitName: string, titles: Title[], locale: Locale, tz: string): string {
  const lines = [renderHeader(unitName, r.year, locale), tr(locale, M.status, { status: tr(locale, STATUS[r.status]), version: r.version })];
  if (r.status === 'returned' && r.returnComment) lines.push(tr(locale, M.returned, { comment: r.returnComment }));
  if (r.submittedAt && r.status !== 'draft') lines.push(tr(locale, M.submittedAt, { at: showLocal(r.submittedAt, tz) }));
  if (r.approvedAt && r.status === 'approved') lines.push(tr(locale, M.approvedAt, { at: showLocal(r.approvedAt, tz) }));
  lines.push('', renderData(r, titles, locale));
  return lines.join('\n');
}

/** One stored change line ("individual.ldtt: 15 → 18") with a localized label. */
export function renderChange(change: string, titles: Title[], locale: Locale): string {
  const m = /^([\w.+~-]+): ([\s\S]*)$/.exec(change);
  if (!m) return change;
  const [, field, rest] = m;
  if (field.startsWith('individual.')) return `${abbr(titles, field.slice('individual.'.length), locale)}: ${rest}`;
  if (field === 'collectiveTitle') {
    const [a, b] = rest.split(' → ');
    const name = (v: string) => (v === '—' ? '—' : titleName(titles, v, locale));
    return `${tr(locale, FIELD.collectiveTitle)}: ${name(a)} → ${name(b ?? '')}`;
  }
  return FIELD[field] ? `${tr(locale, FIELD[field])}: ${rest}` : change;
}

/** History lines, newest last; `last` keeps only the most recent ones. */
export function renderHistory(
  r: Registration,
  titles: Title[],
  locale: Locale,
  tz: string,
  who: (entry: Registration['history'][number]) => string,
  last?: number,
): string[] {
  const entries = last ? r.history.slice(-last) : r.history;
  return entries.map((h) => {
    const extra = [h.reason ? tr(locale, M.reason, { text: h.reason }) : '', h.comment ? tr(locale, M.comment, { text: h.comment }) : ''].filter(Boolean);
    const changes = h.changes.map((c) => renderChange(c, titles, locale));
    const body = changes.length ? changes.join('; ') : ['save', 'submit', 'amend'].includes(h.action) ? tr(locale, M.noChange) : '';
    return `v${h.version} · ${showLocal(h.at, tz)} · ${who(h)} · ${tr(locale, ACTION[h.action])}${extra.length ? ` (${extra.join('; ')})` : ''}${body ? `: ${body}` : ''}`;
  });
}

export function renderHistoryBlock(r: Registration | undefined, unitName: string, year: number, lines: string[], locale: Locale): string {
  return [tr(locale, M.historyHead, { year, unit: unitName }), ...(r && lines.length ? lines : [tr(locale, M.noHistory)])].join('\n');
}
