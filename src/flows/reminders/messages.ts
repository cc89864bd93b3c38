import { tr, type Msg } from '../../text/i18n.js';
import { button } from '../../bot/buttons.js';
import type { Choice, Locale, Reply } from '../../bot/types.js';
import type { Units } from '../../domain/units.js';
import type { Deadline } from '../../domain/calendar.js';
import type { Notice } from './plan.js';
import { daysBetween, type WorkTime } from './worktime.js';

/** Every user-facing text of the reminders module, in Vietnamese and English. */
export const M = {
  reminder: {
    vi: '⏰ Nhắc hạn: {title}\nĐơn vị: {unit}\nHạn: {due} ({left}).\n{how}',
    en: '⏰ Deadline reminder: {title}\nUnit: {unit}\nDue: {due} ({left}).\n{how}',
  },
  howAck: { vi: 'Khi đơn vị đã hoàn thành, bấm "✅ Đã hoàn thành" để dừng nhắc.', en: 'When your unit has finished, press "✅ Done" to stop the reminders.' },
  howReview: { vi: 'Đơn vị chưa gửi bản tự đánh giá, chấm điểm thi đua năm {year} (kèm báo cáo tổng kết). Gõ /binhxet để làm.', en: 'Your unit has not sent its {year} self-assessment (with the year-end report). Type /review to do it.' },
  doneReview: {
    vi: 'Hạn "{title}" chỉ hoàn thành khi đơn vị gửi bản tự đánh giá năm {year}. Gõ /binhxet để điền và gửi; sau khi gửi, bot sẽ tự dừng nhắc.',
    en: '"{title}" is completed only when your unit sends its {year} self-assessment. Type /review to fill it in and send it; the reminders then stop by themselves.',
  },
  reviewDone: { vi: 'Đơn vị đã gửi bản tự đánh giá năm {year}; hạn này đã hoàn thành.', en: 'Your unit has sent its {year} self-assessment; this deadline is complete.' },
  howRegister: { vi: 'Đơn vị chưa nộp đăng ký thi đua năm {year}. Gõ /dangky để đăng ký.', en: 'Your unit has not submitted its {year} registration yet. Type /register to do it.' },
  escalation: {
    vi: '⚠️ Thủ trưởng đơn vị lưu ý: {unit} chưa hoàn thành "{title}".\nHạn: {due} ({left}). Đã nhắc cán bộ đầu mối; đề nghị đồng chí đôn đốc.',
    en: '⚠️ For the head of unit: {unit} has not completed "{title}".\nDue: {due} ({left}). The focal officer has been reminded; please follow up.',
  },
  late: {
    vi: '📋 Quá hạn: {title} (hạn {due}).\nCác đơn vị chưa hoàn thành ({n}/{total}):\n{list}',
    en: '📋 Overdue: {title} (due {due}).\nUnits that have not completed it ({n}/{total}):\n{list}',
  },
  today: { vi: 'hôm nay', en: 'today' },
  tomorrow: { vi: 'ngày mai', en: 'tomorrow' },
  inDays: { vi: 'còn {n} ngày', en: 'in {n} days' },
  overdue: { vi: 'quá hạn {n} ngày', en: '{n} days overdue' },
  btnDone: { vi: '✅ Đã hoàn thành', en: '✅ Done' },
  btnSnooze: { vi: '⏰ Nhắc lại sau', en: '⏰ Remind me later' },
  doneOk: { vi: '✅ Đã ghi nhận: {unit} hoàn thành "{title}" ({who}, {at}). Sẽ không nhắc hạn này nữa.', en: '✅ Recorded: {unit} completed "{title}" ({who}, {at}). No more reminders for it.' },
  doneAlready: { vi: 'Đơn vị đã được ghi nhận hoàn thành "{title}" trước đó ({who}, {at}).', en: '"{title}" was already recorded as done for your unit ({who}, {at}).' },
  doneRegistration: {
    vi: 'Hạn "{title}" chỉ hoàn thành khi đơn vị nộp đăng ký thi đua năm {year}. Gõ /dangky để điền và nộp; sau khi nộp, bot sẽ tự dừng nhắc.',
    en: '"{title}" is completed only when your unit submits its {year} registration. Type /register to fill it in and submit; the reminders then stop by themselves.',
  },
  registrationDone: { vi: 'Đơn vị đã nộp đăng ký thi đua năm {year}; hạn này đã hoàn thành.', en: 'Your unit has submitted its {year} registration; this deadline is complete.' },
  snoozed: { vi: '⏰ Sẽ nhắc lại bạn "{title}" vào {at}.', en: '⏰ I will remind you about "{title}" again on {at}.' },
  snoozeTooLate: { vi: 'Không còn ngày làm việc nào trước hạn ({due}) để nhắc lại. Vui lòng hoàn thành sớm.', en: 'There is no working day left before the deadline ({due}) to remind you again. Please finish soon.' },
  unknownDeadline: { vi: 'Không tìm thấy hạn này trong lịch (có thể lịch đã thay đổi). Gõ /hanchot để xem các hạn hiện tại.', en: 'This deadline is not in the calendar (it may have changed). Type /deadlines to see the current ones.' },
  notForYou: { vi: 'Hạn này không áp dụng cho đơn vị hoặc vai trò của bạn.', en: 'This deadline does not apply to your unit or role.' },
  notBound: { vi: 'Bạn chưa tham gia đơn vị nào: gõ /thamgia MÃ.', en: 'You have not joined a unit: type /join CODE.' },
  listTitle: { vi: '📅 Các hạn sắp tới{unit}:', en: '📅 Upcoming deadlines{unit}:' },
  listNone: { vi: 'Không có hạn nào sắp tới trong lịch.', en: 'There are no upcoming deadlines in the calendar.' },
  listItem: { vi: '• {due} — {title}\n  {status}', en: '• {due} — {title}\n  {status}' },
  stDone: { vi: '✅ đã hoàn thành', en: '✅ done' },
  stPending: { vi: '⏳ chưa hoàn thành — {left}', en: '⏳ not done — {left}' },
  stLate: { vi: '⚠️ quá hạn, chưa hoàn thành', en: '⚠️ overdue, not done' },
  stCount: { vi: '{done}/{total} đơn vị đã hoàn thành — {left}', en: '{done}/{total} units done — {left}' },
  listNote: { vi: 'Lưu ý: ngày trong lịch là do bộ phận thi đua – khen thưởng ấn định; hãy đối chiếu công văn hướng dẫn của Bộ.', en: 'Note: the dates are set by the emulation and commendation office; check them against the Ministry’s guidance.' },
  listDoneHint: { vi: 'Đã làm xong một việc? Bấm nút bên dưới.', en: 'Finished one? Press its button below.' },
  muted: { vi: '🔕 Đã tắt nhắc hạn. Bạn vẫn nhận thông báo chung; gõ /batnhac để bật lại.', en: '🔕 Deadline reminders are off. You still get announcements; type /unmute to turn them on.' },
  unmuted: { vi: '🔔 Đã bật nhắc hạn.', en: '🔔 Deadline reminders are on.' },
  cmdDeadlines: { vi: 'các hạn sắp tới và tình trạng của đơn vị', en: 'upcoming deadlines and your unit’s status' },
  cmdMute: { vi: 'tắt nhắc hạn', en: 'turn deadline reminders off' },
  cmdUnmute: { vi: 'bật lại nhắc hạn', en: 'turn deadline reminders on' },
  cmdAnnounce: { vi: 'gửi thông báo tới các đơn vị (quản trị, cụm trưởng)', en: 'send an announcement to units (admins, cluster heads)' },
  nobody: { vi: '(chưa có người nhận)', en: '(no recipient yet)' },
} satisfies Record<string, Msg>;

/** "17:00 10/12/2026" */
export function fmtDate(date: Date, wt: WorkTime): string {
  const { ymd, hm } = wt.local(date);
  const [y, m, d] = ymd.split('-');
  return `${hm} ${d}/${m}/${y}`;
}

/** "today", "tomorrow", "in 5 days", "2 days overdue" — by local calendar days. */
export function fmtLeft(due: Date, now: Date, wt: WorkTime, locale: Locale): string {
  const n = daysBetween(wt.local(now).ymd, wt.local(due).ymd);
  if (n < 0 || due < now) return tr(locale, M.overdue, { n: Math.max(1, -n) });
  if (n === 0) return tr(locale, M.today);
  if (n === 1) return tr(locale, M.tomorrow);
  return tr(locale, M.inDays, { n });
}

export function ackChoices(d: Deadline, locale: Locale): Choice[] {
  return [
    { label: tr(locale, M.btnDone), value: button('rem', 'done', d.id) },
    { label: tr(locale, M.btnSnooze), value: button('rem', 'snooze', d.id) },
  ];
}

/** The message of a notice, in the recipient's language. */
export function renderNotice(n: Notice, due: Date, opts: { locale: Locale; now: Date; wt: WorkTime; units: Units; totalUnits?: number }): Reply {
  const { locale, wt, units } = opts;
  const d = n.deadline;
  const common = { title: d.title[locale], due: fmtDate(due, wt), left: fmtLeft(due, opts.now, wt, locale), unit: units.name(n.unitId ?? '', locale) };
  if (n.kind === 'late') {
    const list = (n.lateUnits ?? []).map((u) => `• ${units.name(u, locale)}`).join('\n');
    return { text: tr(locale, M.late, { ...common, n: n.lateUnits?.length ?? 0, total: opts.totalUnits ?? n.lateUnits?.length ?? 0, list }), personal: true };
  }
  const how = d.completion === 'registration' ? tr(locale, M.howRegister, { year: d.year }) : d.completion === 'review' ? tr(locale, M.howReview, { year: d.year }) : tr(locale, M.howAck);
  const text = tr(locale, n.kind === 'escalation' ? M.escalation : M.reminder, { ...common, how });
  return { text, choices: ackChoices(d, locale), personal: true };
}
