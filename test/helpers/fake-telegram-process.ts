/**
 * The fake Bot API (fake-telegram.ts) in a process of its own, as Telegram's servers are: its
 * clock of arrivals — which its flood limits count — is not stalled by the test's own work. The
 * parent reads what it received; updates are built and delivered by the parent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Received {
  chat: string;
  text: string;
}
export interface FakeStats {
  sent: Received[];
  rejected429: number;
  floodReasons: { overall: number; chat: number; group: number };
  webhook?: { url: string; secret_token?: string };
}

if (process.argv.includes('--fake-telegram-child')) {
  const { FakeTelegram, TELEGRAM_LIMITS } = await import('./fake-telegram.js');
  const fake = await FakeTelegram.start({ limits: process.argv.includes('--limits') ? TELEGRAM_LIMITS : undefined });
  process.send!({ apiRoot: fake.apiRoot });
  process.on('message', (m: { id: number }) => {
    const stats: FakeStats = {
      sent: fake.sent.map((s) => ({ chat: String(s.chat.id), text: String(s.text ?? s.document?.file_name ?? '') })),
      rejected429: fake.rejected429,
      floodReasons: fake.floodReasons,
      webhook: fake.webhook,
    };
    process.send!({ id: m.id, stats });
  });
  process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
}

export class FakeTelegramProcess {
  private asks = 0;
  private constructor(
    private child: ChildProcess,
    readonly apiRoot: string,
  ) {}

  static async start(opts: { limits?: boolean } = {}): Promise<FakeTelegramProcess> {
    const child = fork(fileURLToPath(import.meta.url), ['--fake-telegram-child', ...(opts.limits ? ['--limits'] : [])], { execArgv: ['--import', 'tsx'] });
    const apiRoot = await new Promise<string>((ok) => child.once('message', (m: { apiRoot: string }) => ok(m.apiRoot)));
    return new FakeTelegramProcess(child, apiRoot);
  }

  /** What the fake has received so far. */
  stats(): Promise<FakeStats> {
    const id = ++this.asks;
    return new Promise((ok) => {
      const on = (m: { id: number; stats: FakeStats }) => {
        if (m.id !== id) return;
        this.child.off('message', on);
        ok(m.stats);
      };
      this.child.on('message', on);
      this.child.send({ id });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise((ok) => {
      this.child.once('exit', ok);
      this.child.disconnect();
    });
  }
}
