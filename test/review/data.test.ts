import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkData } from '../../src/checks/index.js';
import { parseRatio, Reviews } from '../../src/domain/review.js';
import { parseWhen } from '../../src/flows/review/kit.js';
import { neededVoters, neededYes, reaches } from '../../src/flows/review/scoring.js';
import type { Ballot } from '../../src/flows/review/records.js';
import { tempDir } from '../helpers/app.js';

const SAMPLE = readFileSync('data/clusters/cum-3/review-2026.yaml', 'utf8');

/** A copy of the data folder with one review file written as given. */
function withReview(text: string, cluster = 'cum-3', year = 2027): string {
  const dir = join(tempDir('thidua-rvdata-'), 'data');
  mkdirSync(join(dir, 'clusters', cluster), { recursive: true });
  for (const f of ['units.yaml', 'titles.yaml', 'documents.yaml', 'base-salary.yaml', 'knowledge', 'curated']) symlinkSync(resolve('data', f), join(dir, f));
  writeFileSync(join(dir, 'clusters', cluster, `review-${year}.yaml`), text);
  return dir;
}

describe('the review file (data/clusters/<cluster>/review-<year>.yaml)', () => {
  it('ships a valid sample for Cụm III that says it is a sample', () => {
    const cfg = new Reviews('data').get('cum-3', 2026)!;
    expect(cfg.sample).toBe(true);
    expect(cfg.maxTotal).toBe(100);
    expect(cfg.titles.map((t) => t.id)).toEqual(['co-nganh', 'co-cp']);
    expect(cfg.voting.source.vi).toContain('chưa phải quy định');
    expect(SAMPLE).toMatch(/BẢN MẪU — SAMPLE/);
  });

  it('`thidua kb check` reports a broken file at its line', async () => {
    const bad = SAMPLE.replace('year: 2026', 'year: 2027').replace('quorum: 2/3 ', 'quorum: 4/3 ').replace('        max: 30', '        max: -30');
    const r = await checkData(withReview(bad));
    const mine = r.issues.filter((i) => i.file.endsWith('review-2027.yaml'));
    const lineOf = (needle: string) => bad.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: lineOf('quorum: 4/3'), message: expect.stringContaining('voting.quorum: must be a share such as "2/3" or "80%"') }),
        expect.objectContaining({ line: lineOf('max: -30'), message: expect.stringContaining('criteria.0.items.0.max') }),
      ]),
    );
    const wrongYear = await checkData(withReview(SAMPLE, 'cum-3', 2028));
    expect(wrongYear.issues).toEqual([expect.objectContaining({ line: SAMPLE.split('\n').findIndex((l) => l.startsWith('year:')) + 1, message: 'year: 2026 does not match the file name (review-2028.yaml)' })]);
    const nowhere = await checkData(withReview(SAMPLE.replace('cluster: cum-3', 'cluster: cum-9'), 'cum-9', 2026));
    expect(nowhere.issues.map((i) => i.message)).toEqual(['cluster: "cum-9" is not a cluster of units.yaml']);
    const from = await checkData(withReview(SAMPLE.replace('from: co-nganh', 'from: co-khac'), 'cum-3', 2026));
    expect(from.issues.map((i) => i.message)).toEqual(['titles.1.from: from must be "ranking" or the id of a title listed before it (got "co-khac")']);
    const ok = await checkData(withReview(SAMPLE, 'cum-3', 2026));
    expect(ok.issues).toEqual([]);
    expect(ok.counts.other).toContain('clusters/*/review-*.yaml (1)');
  });

  it('thresholds are exact fractions: 2/3 of 6 is 4, 80 % of 6 needs 5, "more than" is strict', () => {
    expect(parseRatio('2/3')).toEqual({ num: 2, den: 3, label: '2/3' });
    expect(parseRatio('66,5%')).toEqual({ num: 665, den: 1000, label: '66,5%' });
    expect(parseRatio('120%')).toBeUndefined();
    expect(reaches(4, 6, { num: 2, den: 3 })).toBe(true);
    expect(reaches(3, 6, { num: 2, den: 3 })).toBe(false);
    expect(reaches(3, 6, { num: 1, den: 2 }, 'more-than')).toBe(false);
    const b = { eligible: ['a', 'b', 'c', 'd', 'e', 'f'], settings: { quorum: { num: 2, den: 3, label: '' }, pass: { num: 80, den: 100, label: '' }, passBase: 'eligible', comparison: 'at-least' } } as unknown as Ballot;
    expect(neededVoters(b)).toBe(4);
    expect(neededYes(b, 6)).toBe(5);
    expect(neededYes({ ...b, settings: { ...b.settings, comparison: 'more-than', pass: { num: 1, den: 2, label: '' } } }, 6)).toBe(4);
  });

  it('reads closing times in local time or as ISO instants', () => {
    const tz = 'Asia/Ho_Chi_Minh';
    expect(parseWhen('22/01/2027 17:00', tz)?.toISOString()).toBe('2027-01-22T10:00:00.000Z');
    expect(parseWhen('2027-01-22 08:30', tz)?.toISOString()).toBe('2027-01-22T01:30:00.000Z');
    expect(parseWhen('2027-01-22T17:00:00+07:00', tz)?.toISOString()).toBe('2027-01-22T10:00:00.000Z');
    expect(parseWhen('30/02/2027', tz)).toBeUndefined();
    expect(parseWhen('mai', tz)).toBeUndefined();
  });
});

describe('thidua review (operator commands)', () => {
  const bin = join(__dirname, '../../bin/thidua.js');
  it('refuses bad arguments with the usage line, and shows the empty status as JSON', () => {
    const env = { ...process.env, LOG_LEVEL: 'warn', STORE_URL: `sqlite://${join(tempDir(), 'cli.sqlite')}` };
    const run = (args: string[]) => spawnSync(process.execPath, [bin, 'review', ...args], { encoding: 'utf8', env, timeout: 60_000 });
    const open = run(['open', '--cluster', 'cum-3', '--year', '2026', '--title', 'co-nganh', '--candidates', 'cuc-btp,vu-tccb', '--closes', '2099-01-01T10:00:00+07:00']);
    expect(open.status).toBe(1);
    expect(open.stderr).toContain('Not opened: not units of cum-3: vu-tccb');
    const bad = run(['open', '--cluster', 'cum-3', '--year', '2026', '--title', 'co-nganh', '--candidates', 'cuc-btp', '--closes', 'tomorrow']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--closes "tomorrow" is not a time');
    expect(bad.stderr).toContain('thidua review open --cluster ID --year YYYY');
    const status = run(['status', '--cluster', 'cum-3', '--year', '2026', '--json']);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({
      ballots: [],
      units: ['cuc-pbgdpl-tgpl', 'cuc-btp', 'cuc-qlthads', 'cuc-dkgdbd-bthnn', 'cuc-hctp', 'vu-htqt'].map((unit) => ({ unit, score: null, submitted: false, approved: false })),
    });
    expect(run(['status', '--cluster', 'cum-3', '--year', '2031']).stderr).toContain('no review file data/clusters/cum-3/review-2031.yaml');
  }, 120_000);
});
