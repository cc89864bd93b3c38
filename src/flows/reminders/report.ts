import { labeller, personLabel, PLATFORM_NAME, ROLE_SHORT } from '../../bot/names.js';
import { tr } from '../../text/i18n.js';
import type { Person } from '../../bot/people.js';
import { STATUS } from '../register/summary.js';
import { audienceUnits, dueDate, timeline, type Notice } from './plan.js';
import type { Delivery } from '../../bot/delivery.js';
import { Ledger, toCsv } from './ledger.js';
import { M } from './messages.js';
import type { Reminders } from './scheduler.js';
import { addDays } from './worktime.js';

/** `thidua remind preview` and `thidua remind ledger`: read-only views of the reminders. */

const KIND: Record<Notice['kind'], string> = { reminder: 'nhắc hạn', escalation: 'báo thủ trưởng', late: 'báo trễ hạn' };

function who(n: Notice, r: Reminders): string {
  const { units } = r.services;
  if (n.kind === 'late') {
    const scope = n.roles[0] === 'cluster-head' ? `cụm trưởng ${units.name(units.get(n.lateUnits?.[0] ?? '')?.clusterId ?? '', 'vi')}` : 'quản trị';
    const to = n.to ? `${personLabel(n.to, units, 'vi')} · ${PLATFORM_NAME[n.to.platform]}` : tr('vi', M.nobody);
    return `${to} (${scope}) · ${n.lateUnits?.length ?? 0} đơn vị chưa hoàn thành`;
  }
  const unit = units.name(n.unitId ?? '', 'vi');
  const roles = n.roles.map((x) => ROLE_SHORT[x].vi).join('/');
  if (!n.to) return `${tr('vi', M.nobody)} ${roles} · ${unit}`;
  return `${n.to.name?.trim() || personLabel(n.to, units, 'vi')} (${ROLE_SHORT[n.to.role].vi}) · ${unit} · ${PLATFORM_NAME[n.to.platform]}`;
}

/** One line per planned notice in [from, from + days): local time, kind, deadline, recipient. Sends nothing. */
export async function previewLines(r: Reminders, fromYmd: string, days: number, people?: Person[]): Promise<string[]> {
  const from = r.wt.at(fromYmd, '00:00');
  const to = r.wt.at(addDays(fromYmd, days), '00:00');
  const input = await r.planInput(r.calendar.deadlines, people);
  const notices = timeline(input, from, to);
  const lines = notices.map((n) => {
    const { ymd, hm } = r.wt.local(n.at);
    const slot = n.key.split('|')[2];
    const kind = n.kind === 'reminder' ? `${KIND.reminder} ${slot.startsWith('d') ? (slot === 'd0' ? '(ngày hạn)' : `(-${slot.slice(1)} ngày)`) : '(nhắc lại)'}` : KIND[n.kind];
    return `${ymd} ${hm}  ${kind.padEnd(20)} ${n.deadline.id.padEnd(26)} → ${who(n, r)}`;
  });
  const head = `Dự kiến gửi từ ${fromYmd} trong ${days} ngày (giờ ${r.wt.tz}; chạy thử — không gửi, không ghi gì):`;
  return [head, ...lines, `${notices.length} thông báo.`];
}

const fmt = (iso: string | undefined, r: Reminders) => {
  if (!iso) return '';
  const { ymd, hm } = r.wt.local(new Date(iso));
  return `${ymd} ${hm}`;
};

/** Per deadline of `year` and unit: reminders delivered, acknowledgement, completion — as CSV (UTF-8 with BOM). */
export async function ledgerCsv(r: Reminders, year: number): Promise<{ csv: Buffer; rows: number }> {
  const { units, people } = r.services;
  const everyone = await people.list();
  const nameOf = labeller(everyone, units, 'vi');
  const byUnit = new Map<string, Delivery[]>();
  for (const { value } of await r.ledger.deliveries.list('rem|')) {
    const k = `${value.deadlineId}|${value.unitId ?? ''}`;
    byUnit.set(k, [...(byUnit.get(k) ?? []), value]);
  }
  const late = new Map<string, Delivery[]>();
  for (const list of byUnit.values()) for (const d of list) if (d.kind === 'late') late.set(d.deadlineId!, [...(late.get(d.deadlineId!) ?? []), d]);
  const header = [
    'Năm', 'Mã hạn', 'Nội dung', 'Hạn', 'Mã đơn vị', 'Đơn vị', 'Tình trạng', 'Hoàn thành lúc', 'Xác nhận bởi',
    'Số lượt nhắc đã gửi', 'Lần nhắc cuối', 'Báo thủ trưởng lúc', 'Gửi lỗi', 'Không chắc chắn', 'Báo trễ hạn (cụm trưởng, quản trị) lúc',
  ];
  const rows: unknown[][] = [];
  const now = r.services.now();
  for (const d of r.calendar.deadlines.filter((x) => x.year === year)) {
    const due = dueDate(d, r.wt);
    const lateSent = (late.get(d.id) ?? []).filter((x) => x.status === 'sent').map((x) => x.sentAt!).sort();
    for (const unitId of audienceUnits(d, units, everyone)) {
      let doneAt: string | undefined;
      let doneBy = '';
      if (d.completion === 'registration') {
        const reg = await r.registrations.get(unitId, d.year);
        if (reg && (reg.status === 'submitted' || reg.status === 'approved')) {
          doneAt = reg.submittedAt ?? reg.updatedAt;
          const submit = [...reg.history].reverse().find((h) => h.action === 'submit' || h.action === 'amend');
          doneBy = `${submit?.name ?? nameOf(submit?.by ?? reg.updatedBy)} (đăng ký ${STATUS[reg.status].vi})`;
        }
      } else if (d.completion === 'review') {
        const sa = await r.reviews.getSa(d.year, unitId);
        if (sa && (sa.status === 'submitted' || sa.status === 'approved')) {
          doneAt = sa.submittedAt ?? sa.updatedAt;
          doneBy = `${sa.updatedBy} (tự đánh giá ${sa.status})`;
        }
      } else {
        const ack = await r.ledger.done.get(Ledger.doneKey(d.id, unitId));
        if (ack) {
          doneAt = ack.at;
          doneBy = ack.name ?? nameOf(ack.by);
        }
      }
      const sent = (byUnit.get(`${d.id}|${unitId}`) ?? []);
      const reminders = sent.filter((x) => x.kind === 'reminder' && x.status === 'sent');
      const head = sent.filter((x) => x.kind === 'escalation' && x.status === 'sent').map((x) => x.sentAt!).sort();
      const status = doneAt ? (new Date(doneAt) <= due ? 'hoàn thành' : 'hoàn thành muộn') : due < now ? 'quá hạn' : 'chưa hoàn thành';
      rows.push([
        d.year, d.id, d.title.vi, fmt(due.toISOString(), r), unitId, units.name(unitId, 'vi'), status, fmt(doneAt, r), doneBy,
        reminders.length, fmt(reminders.map((x) => x.sentAt!).sort().at(-1), r), fmt(head[0], r),
        sent.filter((x) => x.status === 'failed').length, sent.filter((x) => x.status === 'uncertain').length, fmt(lateSent[0], r),
      ]);
    }
  }
  return { csv: toCsv(header, rows), rows: rows.length };
}
