import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { createServices } from '../../bot/services.js';
import { openStore } from '../../bot/store.js';
import { showLocal } from '../../domain/dates.js';
import { closeBallot, openBallot, resultText, statusJson } from './ballot-service.js';
import { disposeBallotBox } from './box.js';
import { createReviewKit, OPERATOR, parseWhen, type ReviewKit } from './kit.js';
import { minutesFor } from './minutes.js';
import { ballotId } from './records.js';

/** `thidua review open|close|status|minutes --cluster ID --year YYYY …`; each returns the exit code. */

class Usage extends Error {}

async function withKit<T>(config: Config, fn: (kit: ReviewKit) => Promise<T>): Promise<T> {
  const store = await openStore(config.STORE_URL);
  try {
    return await fn(createReviewKit(createServices({ config, store })));
  } finally {
    await disposeBallotBox(store);
    await store.close();
  }
}

function target(values: { cluster?: string; year?: string }, kit?: ReviewKit): { cluster: string; year: number } {
  if (!values.cluster) throw new Usage('--cluster is required');
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) throw new Usage('--year must be a year such as 2026');
  if (kit && !kit.services.units.cluster(values.cluster)) throw new Usage(`unknown cluster "${values.cluster}" (clusters: ${kit.services.units.clusters.map((c) => c.id).join(', ')})`);
  if (kit && !kit.reviews.get(values.cluster, year)) throw new Usage(`no review file data/clusters/${values.cluster}/review-${year}.yaml`);
  return { cluster: values.cluster, year };
}

async function main(args: string[], usage: string, options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>, fn: (values: Record<string, string | boolean | undefined>) => Promise<number>): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options, strict: true }).values as Record<string, string | boolean | undefined>;
    return await fn(values);
  } catch (err) {
    if (err instanceof Usage || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}

const common = { cluster: { type: 'string' }, year: { type: 'string' } } as const;

export function reviewOpenMain(args: string[], config: Config, usage: string): Promise<number> {
  return main(args, usage, { ...common, title: { type: 'string' }, candidates: { type: 'string' }, closes: { type: 'string' } }, async (v) =>
    withKit(config, async (kit) => {
      const { cluster, year } = target(v as never, kit);
      if (!v.title) throw new Usage('--title is required');
      if (!v.candidates) throw new Usage('--candidates is required (unit ids separated by commas)');
      if (!v.closes) throw new Usage('--closes is required (e.g. 2027-01-22T17:00:00+07:00)');
      const closesAt = parseWhen(String(v.closes), kit.tz);
      if (!closesAt) throw new Usage(`--closes "${v.closes}" is not a time (e.g. 2027-01-22T17:00:00+07:00 or "22/01/2027 17:00")`);
      const candidates = String(v.candidates).split(',').map((s) => s.trim()).filter(Boolean);
      const out = await openBallot(kit, OPERATOR, { clusterId: cluster, year, titleId: String(v.title), candidates, closesAt }, kit.services.now());
      if (!out.ok) {
        const why: Record<string, string> = {
          'unknown-title': `unknown title "${v.title}" (titles: ${(out.detail ?? []).join(', ')})`,
          'no-candidates': 'no candidates',
          'bad-candidates': `not units of ${cluster}: ${(out.detail ?? []).join(', ')}`,
          past: '--closes is not in the future',
          exists: `the ballot ${ballotId(cluster, year, String(v.title))} is already open or closed (one vote per title)`,
          'no-config': 'no review file',
          forbidden: 'forbidden',
        };
        process.stderr.write(`Not opened: ${why[out.why] ?? out.why}\n`);
        return 1;
      }
      process.stdout.write(`${out.ballot.id}\n`);
      process.stderr.write(`Đã mở phiếu "${out.ballot.title.vi}" năm ${year}: ${candidates.length} ứng viên, ${out.ballot.eligible.length} đơn vị bỏ phiếu, đóng lúc ${showLocal(out.ballot.closesAt, kit.tz)}. Bot đang chạy sẽ thông báo cho các đơn vị.\n`);
      return 0;
    }),
  );
}

export function reviewCloseMain(args: string[], config: Config, usage: string): Promise<number> {
  return main(args, usage, { ...common, title: { type: 'string' } }, async (v) =>
    withKit(config, async (kit) => {
      const { cluster, year } = target(v as never, kit);
      const ballots = (await kit.records.listBallots({ clusterId: cluster, year })).filter((b) => !v.title || b.titleId === v.title);
      if (!ballots.length) {
        process.stderr.write(`No ballot${v.title ? ` "${v.title}"` : ''} for ${cluster} ${year}.\n`);
        return 1;
      }
      for (const b of ballots) {
        const out = await closeBallot(kit, OPERATOR, b.id, kit.services.now());
        if (!out.ok) continue;
        process.stdout.write(`${resultText(kit, out.ballot, 'vi')}\n\n`);
      }
      return 0;
    }),
  );
}

export function reviewStatusMain(args: string[], config: Config, usage: string): Promise<number> {
  return main(args, usage, { ...common, json: { type: 'boolean' } }, async (v) =>
    withKit(config, async (kit) => {
      const { cluster, year } = target(v as never, kit);
      const s = await statusJson(kit, cluster, year);
      if (v.json) {
        process.stdout.write(JSON.stringify(s) + '\n');
        return 0;
      }
      const name = (id: string) => kit.services.units.name(id, 'vi');
      const lines = [`${name(cluster)} — năm ${year}`, 'Tự đánh giá:'];
      for (const u of s.units) lines.push(`  ${name(u.unit)}: ${u.score ?? '—'} điểm, ${u.approved ? 'đã duyệt' : u.submitted ? 'đã gửi' : 'chưa gửi'}`);
      for (const b of s.ballots) {
        lines.push(`Phiếu "${b.title}" (${b.state === 'open' ? 'đang mở' : 'đã đóng'}): ${b.voted}/${b.eligible} đơn vị đã bỏ phiếu`);
        for (const c of b.candidates) lines.push(`  ${name(c.unit)}: ${c.yes === null ? 'số phiếu công bố khi đóng' : `${c.yes} đồng ý, ${c.no} không đồng ý — ${c.passed ? 'đạt' : 'không đạt'}`}`);
      }
      process.stdout.write(lines.join('\n') + '\n');
      return 0;
    }),
  );
}

export function reviewMinutesMain(args: string[], config: Config, usage: string): Promise<number> {
  return main(args, usage, { ...common, out: { type: 'string' } }, async (v) =>
    withKit(config, async (kit) => {
      const { cluster, year } = target(v as never, kit);
      const out = String(v.out ?? `bien-ban-binh-xet-${cluster}-${year}.docx`);
      if (!/\.docx$/i.test(out)) throw new Usage('--out must name a .docx file');
      const m = (await minutesFor(kit, cluster, year, kit.services.now()))!;
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, m.bytes);
      process.stdout.write(`${out}\n`);
      if (!m.closed) process.stderr.write(`No closed ballot for ${cluster} ${year} yet: the minutes hold the self-assessments only.\n`);
      return 0;
    }),
  );
}
