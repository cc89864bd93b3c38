import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { createServices } from '../../bot/services.js';
import { collectSkipped, skippedLine } from '../../bot/quarantine.js';
import { openStore } from '../../bot/store.js';
import { join } from 'node:path';
import { loadCalendarIfAny, registrationYear } from '../../domain/dates.js';
import { exportToFiles } from './export.js';
import { createKit } from './kit.js';

/** `thidua export --year YYYY [--out file.xlsx] [--docx-dir DIR]`; returns the exit code. */
export async function exportMain(args: string[], config: Config, usage: string): Promise<number> {
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, out: { type: 'string' }, 'docx-dir': { type: 'string' } } });
  // The same default as /dangky and /xuat in chat: the year being registered (see registrationYear).
  const year = values.year === undefined ? registrationYear(loadCalendarIfAny(join(config.DATA_DIR, 'calendar.yaml')), new Date(), config.TZ_NAME) : Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    process.stderr.write(`--year must be a year such as 2026\n${usage}\n`);
    return 2;
  }
  const out = values.out ?? `dang-ky-thi-dua-${year}.xlsx`;
  if (!/\.xlsx$/i.test(out)) {
    process.stderr.write(`--out must name an .xlsx file\n${usage}\n`);
    return 2;
  }
  const store = await openStore(config.STORE_URL);
  try {
    const kit = createKit(createServices({ config, store }));
    const { result: r, skipped } = await collectSkipped(() => exportToFiles(kit, year, out, values['docx-dir']));
    process.stdout.write(`${r.xlsx}\n${r.docx.map((d) => d + '\n').join('')}`);
    const how = values.year === undefined ? ' (mặc định: năm đang đăng ký — xem thidua export --help)' : '';
    process.stderr.write(`Năm ${year}${how}: ${r.units} đơn vị, ${r.registered} đã có đăng ký; ${r.docx.length} bản DOCX.\n${skippedLine(skipped)}`);
    return 0;
  } finally {
    await store.close();
  }
}
