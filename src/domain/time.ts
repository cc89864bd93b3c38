/** Local calendar time in a time zone (TZ_NAME): the one place that converts instants and local times. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** "YYYY-MM-DD" */
  ymd: string;
  /** "HH:mm" */
  hm: string;
  /** Minutes since local midnight. */
  minutes: number;
}

/** Local calendar parts of an instant. */
export function localParts(date: Date, tz: string): LocalParts {
  const p = Object.fromEntries(formatter(tz).formatToParts(date).map((x) => [x.type, x.value]));
  const [year, month, day, hour, minute, second] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number);
  return { year, month, day, hour, minute, second, ymd: `${p.year}-${p.month}-${p.day}`, hm: `${p.hour}:${p.minute}`, minutes: hour * 60 + minute };
}

/** The instant of a local date and time ("YYYY-MM-DD", "HH:mm") in `tz`. */
export function localToDate(ymd: string, hm: string, tz: string): Date {
  const [y, m, d] = ymd.split('-').map(Number);
  const [hh, mm] = hm.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const offset = (t: number) => {
    const p = localParts(new Date(t), tz);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
  };
  let t = guess - offset(guess);
  const again = offset(t);
  if (guess - again !== t) t = guess - again;
  return new Date(t);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "31/03/2026 17:00" (Vietnamese order) in the given zone; the date only with `withTime` false. */
export function formatLocal(at: Date | string, tz: string, withTime = true): string {
  const p = localParts(typeof at === 'string' ? new Date(at) : at, tz);
  const date = `${pad(p.day)}/${pad(p.month)}/${p.year}`;
  return withTime ? `${date} ${pad(p.hour)}:${pad(p.minute)}` : date;
}
