import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { client } from '../helpers/web.js';

const run = promisify(execFile);

/** `thidua web` serves the dashboard alone; `thidua weblink` prints links to it from another process on the same store. */
describe('thidua web and thidua weblink', () => {
  it('serves the dashboard on PORT and signs the operator in with a printed link, once', async () => {
    const store = `sqlite://${join(tempDir(), 'web.sqlite')}`;
    const env = { ...process.env, STORE_URL: store, LOG_LEVEL: 'silent', PORT: '0' };
    const web = spawn(process.execPath, ['bin/thidua.js', 'web'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let err = '';
        web.stderr.on('data', (c: Buffer) => {
          err += c.toString();
          const m = /Web dashboard on port (\d+)/.exec(err);
          if (m) resolve(Number(m[1]));
        });
        web.once('exit', (code) => reject(new Error(`thidua web exited (${code}): ${err}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const bad = (await run(process.execPath, ['bin/thidua.js', 'weblink', '--user', 'telegram:404'], { env }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      )) as { code: number; stderr: string };
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('No person "telegram:404"');
      const { stdout } = await run(process.execPath, ['bin/thidua.js', 'weblink', '--admin'], { env: { ...env, WEB_BASE_URL: base } });
      const link = stdout.trim();
      expect(link).toMatch(new RegExp(`^${base}/app/login\\?t=[\\w-]{43}$`));
      const c = client(base);
      expect((await c.signIn(link)).status).toBe(303);
      const home = await c.get('/app/');
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Đăng nhập: người vận hành (quản trị)');
      expect((await client(base).get(link)).status).toBe(410);
    } finally {
      web.kill('SIGTERM');
    }
  }, 60_000);
});
