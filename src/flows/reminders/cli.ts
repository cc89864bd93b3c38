import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { createServices } from '../../bot/services.js';
import { openStore } from '../../bot/store.js';
import { collectSkipped, skippedLine } from '../../bot/quarantine.js';
import { Reminders } from './scheduler.js';
import { ledgerCsv, previewLines } from './report.js';

const YMD = /^\d{4}-\d{2}-\d{2}$/;

function bad(message: string, usage: string): number {
  process.stderr.write(`${message}\n${usage}\n`);
  return 2;
}

/** `thidua remind preview [--from YYYY-MM-DD] [--days N]` — prints the planned notices; sends and claims nothing. */
export async function previewMain(args: string[], config: Config, usage: string): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, days: { type: 'string', default: '30' } } });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 800) return bad('--days must be a whole number of days (1–800)', usage);
  if (values.from !== undefined && (!YMD.test(values.from) || Number.isNaN(Date.parse(values.from)))) return bad('--from must be a date YYYY-MM-DD', usage);
  const store = await openStore(config.STORE_URL);
  const services = createServices({ config, store });
  try {
    const r = Reminders.load(services);
    const from = values.from ?? r.wt.local(services.now()).ymd;
    process.stdout.write((await previewLines(r, from, days)).join('\n') + '\n');
    return 0;
  } finally {
    await store.close();
  }
}

/** `thidua remind ledger --year YYYY [--out file.csv]` — delivered / acknowledged / completed per unit and deadline. */
export async function ledgerMain(args: string[], config: Config, usage: string): Promise<number> {
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, out: { type: 'string' } } });
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) return bad('--year YYYY is required', usage);
  const store = await openStore(config.STORE_URL);
  const services = createServices({ config, store });
  try {
    const { result, skipped } = await collectSkipped(() => ledgerCsv(Reminders.load(services), year));
    const { csv, rows } = result;
    if (values.out) {
      writeFileSync(values.out, csv);
      process.stderr.write(`${rows} dòng (đơn vị × hạn) → ${values.out}\n`);
    } else process.stdout.write(csv);
    process.stderr.write(skippedLine(skipped));
    return 0;
  } finally {
    await store.close();
  }
}
