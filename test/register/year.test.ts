import { describe, expect, it } from 'vitest';
import { registrationYear } from '../../src/domain/dates.js';
import { parseCalendar } from '../../src/domain/calendar.js';

const cal = parseCalendar(`
deadlines:
  - id: dk-2027
    title: { vi: Đăng ký thi đua 2027, en: Registration 2027 }
    due: 2027-03-15
    year: 2027
    completion: registration
`);
const tz = 'Asia/Ho_Chi_Minh';

describe('the year /dangky registers by default', () => {
  it('is next year late in the year, when next year’s registration deadline is near', () => {
    expect(registrationYear(cal, new Date('2026-11-26T03:00:00Z'), tz)).toBe(2027);
    expect(registrationYear(cal, new Date('2027-03-15T09:00:00Z'), tz)).toBe(2027);
  });
  it('is the current year otherwise, or without a calendar', () => {
    expect(registrationYear(cal, new Date('2026-02-10T03:00:00Z'), tz)).toBe(2026);
    expect(registrationYear(cal, new Date('2027-03-16T03:00:00Z'), tz)).toBe(2027);
    expect(registrationYear(undefined, new Date('2026-11-26T03:00:00Z'), tz)).toBe(2026);
    // New Year's Eve in Hà Nội is already the next year (UTC is still the old one).
    expect(registrationYear(undefined, new Date('2026-12-31T18:00:00Z'), tz)).toBe(2027);
  });
});
