import { existsSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';

/**
 * Chromium for the browser tests: CHROME_PATH, else Debian's /usr/bin/chromium (.ci/run installs
 * it). Undefined when there is none: the browser tests are then skipped, saying why.
 */
export function chromePath(): string | undefined {
  for (const p of [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  return undefined;
}

export const NO_CHROME = 'browser tests skipped: no Chromium found (set CHROME_PATH, or apt-get install chromium)';

export async function launchChrome(): Promise<Browser> {
  const { launch } = await import('puppeteer-core');
  return launch({
    executablePath: chromePath(),
    headless: true,
    // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
