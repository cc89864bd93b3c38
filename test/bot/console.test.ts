import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';

const bin = join(__dirname, '../../bin/thidua.js');
function thidua(args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 30_000 });
}

describe('console adapter and CLI (child process)', () => {
  it('answers piped lines in Vietnamese and exits 0 at end of input', () => {
    const store = `sqlite://${join(tempDir(), 'c.sqlite')}`;
    const r = thidua(['chat'], '/start\n/trogiup\n', { STORE_URL: store });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Xin chào! Tôi là trợ lý thi đua');
    expect(r.stdout).toContain('Các lệnh bạn có thể dùng');
  });

  it('joins with an invite printed by `thidua invite` and remembers it next run', () => {
    const store = `sqlite://${join(tempDir(), 'c.sqlite')}`;
    const inv = thidua(['invite', '--unit', 'vu-htqt', '--role', 'head'], '', { STORE_URL: store });
    expect(inv.status).toBe(0);
    const code = inv.stdout.trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(thidua(['chat'], `/thamgia ${code}\n`, { STORE_URL: store }).stdout).toContain('Vụ Hợp tác quốc tế');
    const me = thidua(['chat'], '/toi\n', { STORE_URL: store });
    expect(me.stdout).toContain('thủ trưởng đơn vị');
    expect(thidua(['invite', '--unit', 'nowhere'], '', { STORE_URL: store }).status).toBe(1);
  });

  it('offers a demo unit and invite when nobody has joined yet', () => {
    const store = `sqlite://${join(tempDir(), 'c.sqlite')}`;
    const r = thidua(['chat'], '', { STORE_URL: store });
    const code = /\/thamgia ([A-Z0-9]{8})/.exec(r.stderr)?.[1];
    expect(code).toBeDefined();
    expect(thidua(['chat'], `/thamgia ${code}\n`, { STORE_URL: store }).stdout).toContain('Đơn vị thử nghiệm');
  });

  it('stops with one line naming a bad variable', () => {
    const r = thidua(['chat'], '', { STORE_URL: 'nonsense://x' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('STORE_URL');
  });

  it('prints usage for --help and unknown commands', () => {
    expect(thidua(['--help'], '').stdout).toContain('thidua invite');
    expect(thidua(['invite', '--help'], '').stdout).toContain('--unit');
    expect(thidua(['frobnicate'], '').status).toBe(2);
  });
});
