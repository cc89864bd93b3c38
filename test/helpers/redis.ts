import { spawn, spawnSync } from 'node:child_process';
import { createClient } from '@keyv/redis';
import { freePort } from '../telegram/setup.js';

/**
 * A redis-server of its own on a free loopback port (no persistence), answering PING when returned;
 * undefined when redis-server is not installed.
 */
export async function ownRedis(): Promise<{ url: string; stop(): void } | undefined> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      await client.quit();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { url, stop: () => proc.kill() };
}
