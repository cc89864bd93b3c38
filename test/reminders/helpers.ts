import { clock, joined, testApp } from '../helpers/app.js';
import { dataDir as sharedDataDir, recordConsole, type Sent } from '../helpers/data.js';
import { Reminders } from '../../src/flows/reminders/scheduler.js';
import type { Reply } from '../../src/bot/types.js';

/** A calendar used by the reminder tests (times are Asia/Ho_Chi_Minh, UTC+7). */
export const TEST_CALENDAR = `
extraDaysOff: [2026-12-18]
makeUpWorkdays: [2026-12-19]
deadlines:
  - id: t-ack
    year: 2026
    title: { vi: Nộp báo cáo thử nghiệm, en: Send the test report }
    due: 2026-12-15
    offsets: [7, 3, 1, 0]
  - id: t-reg
    year: 2027
    title: { vi: Đăng ký thi đua năm 2027, en: 2027 registration }
    due: 2027-01-20 17:00
    completion: registration
    offsets: [7, 1]
    escalate: { head: false, late: false }
`;

/** A DATA_DIR with the shipped data but our calendar. */
export const dataDir = (calendar = TEST_CALENDAR) => sharedDataDir({ files: { 'calendar.yaml': calendar } });

/** Local (UTC+7) time as a Date: vn('2026-12-08 08:00'). */
export const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);

export type { Sent };

/** An app with our calendar, a controllable clock and a console sender that records what leaves. */
export async function reminderApp(opts: { calendar?: string; start?: string; env?: Record<string, string>; fail?: (chatId: string) => boolean } = {}) {
  const c = clock(vn(opts.start ?? '2026-12-01 09:00').toISOString());
  const app = await testApp({ env: { DATA_DIR: dataDir(opts.calendar), ...opts.env }, now: c.now });
  const sent = recordConsole(app, opts.fail);
  const r = Reminders.load(app.services);
  /** Sets the clock to a local time and runs one tick; returns what was sent by it. */
  const tickAt = async (local: string) => {
    c.set(vn(local).toISOString());
    const before = sent.length;
    await r.tick(c.now());
    return sent.slice(before);
  };
  const join_ = (id: string, unit: string, role: Parameters<typeof joined>[3] = 'officer') => joined(app, id, unit, role);
  return { app, clock: c, sent, reminders: r, tickAt, join: join_, to: (id: string) => (s: Sent) => s.chatId === `chat-${id}` };
}
