import { describe, expect, it } from 'vitest';
import { parseCalendar } from '../../src/domain/calendar.js';
import { schedule } from '../../src/flows/reminders/plan.js';
import { WorkTime } from '../../src/flows/reminders/worktime.js';
import { TEST_CALENDAR, vn } from './helpers.js';

const cal = parseCalendar(TEST_CALENDAR);
const wt = new WorkTime('Asia/Ho_Chi_Minh', cal);
const local = (d: Date) => `${wt.local(d).ymd} ${wt.local(d).hm}`;

describe('working time (Asia/Ho_Chi_Minh, 08:00–11:30 and 13:30–17:00)', () => {
  it('moves a Saturday to Monday 08:00, an evening to the next morning, lunch to 13:30', () => {
    expect(local(wt.nextSlot(vn('2026-12-05 10:00')))).toBe('2026-12-07 08:00');
    expect(local(wt.nextSlot(vn('2026-12-03 19:00')))).toBe('2026-12-04 08:00');
    expect(local(wt.nextSlot(vn('2026-12-03 06:30')))).toBe('2026-12-03 08:00');
    expect(local(wt.nextSlot(vn('2026-12-03 12:00')))).toBe('2026-12-03 13:30');
    expect(local(wt.nextSlot(vn('2026-12-03 09:15')))).toBe('2026-12-03 09:15');
  });

  it('skips Tết 2027 with its compensatory days (Sat 6 and Sun 7 Feb → Wed 10, Thu 11)', () => {
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']) expect(wt.isWorkday(d), d).toBe(false);
    expect(wt.isWorkday('2027-02-04')).toBe(true);
    expect(local(wt.nextSlot(vn('2027-02-04 18:00')))).toBe('2027-02-12 08:00');
  });

  it('skips the days of Tết 2026 (16–20 Feb) and New Year', () => {
    for (const d of ['2026-02-16', '2026-02-20', '2027-01-01']) expect(wt.isWorkday(d), d).toBe(false);
    expect(wt.isWorkday('2026-02-23')).toBe(true);
  });

  it('honours extraDaysOff and makeUpWorkdays from calendar.yaml', () => {
    expect(wt.isWorkday('2026-12-18')).toBe(false); // a Friday given off
    expect(wt.isWorkday('2026-12-19')).toBe(true); // a Saturday worked
    expect(local(wt.nextSlot(vn('2026-12-17 18:00')))).toBe('2026-12-19 08:00');
    const plain = new WorkTime('Asia/Ho_Chi_Minh');
    expect(local(plain.nextSlot(vn('2026-12-17 18:00')))).toBe('2026-12-18 08:00');
  });

  it('adds one working day for a snooze, across a weekend', () => {
    expect(local(wt.addWorkday(vn('2026-12-11 09:30')))).toBe('2026-12-14 09:30');
  });
});

describe('reminder offsets', () => {
  it('puts reminders at 08:00 N days before; a weekend offset moves to Monday and merges; head at 13:30; late report next morning', () => {
    const s = schedule(cal.deadlines[0], wt); // due Tue 15/12 17:00; -3 = Sat → Mon 14 = -1
    expect(s.reminders.map((x) => `${x.slot} ${local(x.at)}`)).toEqual(['d7 2026-12-08 08:00', 'd1 2026-12-14 08:00', 'd0 2026-12-15 08:00']);
    expect(local(s.headAt!)).toBe('2026-12-15 13:30');
    expect(local(s.lateAt!)).toBe('2026-12-16 08:00');
  });

  it('moves an offset that would reach the due day after shifting back to the previous working day', () => {
    const [d] = parseCalendar(`deadlines:\n  - id: mon\n    year: 2026\n    title: { vi: a, en: a }\n    due: 2026-12-14\n    offsets: [1, 0]\n`).deadlines;
    const s = schedule(d, wt); // due Monday: -1 is Sunday → Friday, not Monday
    expect(s.reminders.map((x) => `${x.slot} ${local(x.at)}`)).toEqual(['d1 2026-12-11 08:00', 'd0 2026-12-14 08:00']);
  });
});
