import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/bot/services.js';
import { openStore } from '../../src/bot/store.js';
import type { Role } from '../../src/bot/types.js';
import { showLocal } from '../../src/domain/dates.js';
import { tempDir } from '../helpers/app.js';
import { dataDir as sharedDataDir } from '../helpers/data.js';
import { unzip } from '../register/helpers.js';
import { answers, pdfFile, SCORES, sum, UNITS } from './helpers.js';

const bin = join(__dirname, '../../bin/thidua.js');

/** The shipped data with the clusters' review files, without a calendar (nothing else is reminded). */
const dataDir = () => sharedDataDir({ without: ['calendar.yaml'] });

/** Runs `thidua …` as a child process with piped input; resolves with its exit code and output. */
function thidua(env: NodeJS.ProcessEnv, args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [bin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => done({ code, out, err }));
    p.stdin.end(input);
  });
}

/** At most two at a time: the machine has two cores. */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) out.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return out;
}

describe('a cluster of six units reviews its year on the console (`thidua chat --user`, one SQLite file)', () => {
  it('self-assessments, ranking, a ballot opened, six ballots cast (two at once for one unit), closed, counted, minutes', async () => {
    const dir = tempDir();
    const store = `sqlite://${join(dir, 'cluster.sqlite')}`;
    const env = { ...process.env, LOG_LEVEL: 'warn', STORE_URL: store, DATA_DIR: dataDir() };
    const report = pdfFile();

    // Invites (the operator's `thidua invite`, made here in-process for speed).
    const codes: Record<string, string> = {};
    {
      const config = loadConfig({ STORE_URL: store, DATA_DIR: env.DATA_DIR, LOG_LEVEL: 'silent' });
      const s = await openStore(store);
      const people = createServices({ config, store: s }).people;
      const invite = async (who: string, unit: string, role: Role) => (codes[who] = (await people.createInvite(unit, role, { now: new Date() })).code);
      for (const u of UNITS) await invite(`head-${u}`, u, u === UNITS[0] ? 'cluster-head' : 'head');
      await invite('officer-cuc-btp', 'cuc-btp', 'officer');
      await s.close();
    }
    const chat = (who: string, lines: string[]) => thidua(env, ['chat', '--user', who], lines.join('\n') + '\n');

    // 1. Self-assessments. Cục Bổ trợ tư pháp: its officer fills it in, its head approves and names the officer to vote.
    const officer = await chat('officer-cuc-btp', [`/thamgia ${codes['officer-cuc-btp']}`, '/binhxet 2026', ...answers('cuc-btp'), `@${report}`, 'gửi']);
    expect(officer.code).toBe(0);
    expect(officer.out).toContain('(1/8) 1.1 Hoàn thành các nhiệm vụ');
    expect(officer.out).toContain('📎 Đã nhận "bao-cao-tong-ket-2026.pdf"');
    expect(officer.out).toContain(`✅ Đã gửi bản tự đánh giá năm 2026 của Cục Bổ trợ tư pháp (${sum(SCORES['cuc-btp'])}/100 điểm, phiên bản 1)`);

    const others = UNITS.filter((u) => u !== 'cuc-btp');
    const selfDone = await inPairs([
      () => chat('head-cuc-btp', [`/thamgia ${codes['head-cuc-btp']}`, '/binhxet xem 2026', '1', '/bophieu uyquyen 2026', '1']),
      // Vụ Hợp tác quốc tế sends but does not approve: the ranking shows what it is missing.
      ...others.map((u) => () => chat(`head-${u}`, [`/thamgia ${codes[`head-${u}`]}`, '/binhxet 2026', ...answers(u), `@${report}`, 'gui', ...(u === 'vu-htqt' ? [] : ['1'])])),
    ]);
    for (const r of selfDone) expect(r.code, r.err).toBe(0);
    expect(selfDone[0].out).toContain('✅ Đã duyệt bản tự đánh giá năm 2026 của Cục Bổ trợ tư pháp (phiên bản 2)');
    expect(selfDone[0].out).toContain('✅ Đã cử officer-cuc-btp bỏ phiếu thay mặt Cục Bổ trợ tư pháp năm 2026');
    for (const r of selfDone.slice(1)) expect(r.out).toContain('✅ Đã gửi bản tự đánh giá năm 2026');

    // 2. The cluster head sees the ranking and opens the ballot for "Cờ thi đua ngành Tư pháp" with the proposed top three.
    const closes = showLocal(new Date(Date.now() + 2 * 86400_000), 'Asia/Ho_Chi_Minh');
    const head = await chat(`head-${UNITS[0]}`, ['/binhxet xephang 2026', '/bophieu mo 2026', 'co thi dua nganh tu phap', '=', closes, 'mo']);
    expect(head.code).toBe(0);
    expect(head.out).toMatch(/1\. Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý — 95\/100 điểm · đã duyệt/);
    expect(head.out).toMatch(/2\. Cục Bổ trợ tư pháp — 91\/100 điểm/);
    expect(head.out).toMatch(/6\. Vụ Hợp tác quốc tế — 70\/100 điểm · đã gửi, chờ duyệt\n {3}thiếu: chờ thủ trưởng duyệt/);
    expect(head.out).toContain('Đề xuất theo xếp hạng: Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý; Cục Bổ trợ tư pháp; Cục Quản lý Thi hành án dân sự.');
    expect(head.out).toContain('Nguồn ngưỡng: Ngưỡng mẫu để chạy thử, chưa phải quy định');
    expect(head.out).toContain('🗳 Đã mở phiếu "Cờ thi đua ngành Tư pháp" năm 2026');

    // 3. Six units vote; Cục Bổ trợ tư pháp from two people at once (its head and its representative) — it counts once.
    // Candidates: [PBGDPL, BTP, QLTHADS]. Vụ HTQT says no to PBGDPL; Cục HCTP and Vụ HTQT say no to QLTHADS.
    // Answers are typed with and without diacritics, or as option numbers (1 = Đồng ý, 2 = Không đồng ý).
    const choicesOf = (u: string) => (u === 'vu-htqt' ? ['Không đồng ý', '1', 'khong dong y'] : u === 'cuc-hctp' ? ['Đồng ý', 'dong y', '2'] : ['dong y', '1', '1']);
    const ballot = (who: string, u: string) => chat(who, ['/bophieu', ...choicesOf(u), 'gửi phiếu']);
    const [twinA, twinB] = await Promise.all([ballot('head-cuc-btp', 'cuc-btp'), ballot('officer-cuc-btp', 'cuc-btp')]);
    const rest = await inPairs(UNITS.filter((u) => u !== 'cuc-btp').map((u) => () => ballot(`head-${u}`, u)));
    const counted = (s: string) => s.includes('✅ Đã gửi phiếu của Cục Bổ trợ tư pháp');
    expect([twinA, twinB].filter((r) => counted(r.out))).toHaveLength(1);
    const refused = counted(twinA.out) ? twinB.out : twinA.out;
    expect(refused).toMatch(/Cục Bổ trợ tư pháp (đã bỏ phiếu cho "Cờ thi đua ngành Tư pháp" năm 2026|đã bỏ phiếu ở tất cả các phiếu đang mở)/);
    for (const r of rest) expect(r.out).toContain('✅ Đã gửi phiếu của');

    // 4. Before closing, the operator sees who voted but no counts.
    const open = JSON.parse((await thidua(env, ['review', 'status', '--cluster', 'cum-3', '--year', '2026', '--json'])).out);
    expect(open.ballots[0]).toMatchObject({ title: 'co-nganh', state: 'open', eligible: 6, voted: 6 });
    expect(open.ballots[0].candidates.every((c: { yes: unknown }) => c.yes === null)).toBe(true);

    // 5. Closed by the operator; results, status and minutes carry the counts.
    const close = await thidua(env, ['review', 'close', '--cluster', 'cum-3', '--year', '2026']);
    expect(close.code).toBe(0);
    expect(close.out).toContain('Số đơn vị bỏ phiếu: 6/6 (đủ tỷ lệ 2/3)');
    const status = await thidua(env, ['review', 'status', '--cluster', 'cum-3', '--year', '2026', '--json']);
    const json = JSON.parse(status.out);
    expect(json.ballots).toEqual([
      {
        title: 'co-nganh',
        state: 'closed',
        eligible: 6,
        voted: 6,
        candidates: [
          { unit: 'cuc-pbgdpl-tgpl', yes: 5, no: 1, passed: true },
          { unit: 'cuc-btp', yes: 6, no: 0, passed: true },
          { unit: 'cuc-qlthads', yes: 4, no: 2, passed: false },
        ],
      },
    ]);
    expect(json.units).toEqual(
      UNITS.map((u) => ({ unit: u, score: sum(SCORES[u]), submitted: true, approved: u !== 'vu-htqt' })).sort((a, b) => Number(b.approved) - Number(a.approved) || b.score - a.score),
    );

    // A ballot after closing is refused with a message.
    const late = await chat('head-cuc-hctp', ['/bophieu']);
    expect(late.out).toContain('Hiện không có phiếu nào đang mở cho Cục Hành chính tư pháp');

    const docx = join(dir, 'out', 'bien-ban.docx');
    const minutes = await thidua(env, ['review', 'minutes', '--cluster', 'cum-3', '--year', '2026', '--out', docx]);
    expect(minutes.code, minutes.err).toBe(0);
    const xml = unzip(readFileSync(docx)).get('word/document.xml')!.toString('utf8');
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Họp bình xét, suy tôn thi đua năm 2026 của Cụm thi đua số III');
    expect(text).toContain('CỤM THI ĐUA SỐ III');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('số phiếu thu về: 06');
    expect(text).toContain('Đơn vị có mặt và tham gia bỏ phiếu suy tôn danh hiệu “Cờ thi đua ngành Tư pháp”: 06/06 đơn vị');
    // The result table: unit, "Đồng ý", "Không đồng ý", share, result — one cell per paragraph.
    expect(text).toContain('Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý\n5\n1\n83,3%\nĐạt');
    expect(text).toContain('Cục Bổ trợ tư pháp\n6\n0\n100%\nĐạt');
    expect(text).toContain('Cục Quản lý Thi hành án dân sự\n4\n2\n66,7%\nKhông đạt');
    expect(text).toContain('Tặng danh hiệu “Cờ thi đua ngành Tư pháp” năm 2026 cho: Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý; Cục Bổ trợ tư pháp.');
    expect(text).toContain('THƯ KÝ');
    expect(text).toContain('CỤM TRƯỞNG');
    expect(text).toContain('Bản mẫu');
  }, 300_000);
});
