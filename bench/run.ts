/**
 * `npm run bench`: every benchmark in turn, each in its own process, printing its figures.
 * Not run by CI. One at a time, so they do not compete for the two cores.
 *   npm run bench [-- retrieval ask-cold telegram-webhook broadcast replicas slack-commands ballots web-overview eval]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const all = ['retrieval', 'ask-cold', 'telegram-webhook', 'broadcast', 'replicas', 'slack-commands', 'ballots', 'web-overview', 'eval'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
let failed = 0;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${all.join(', ')}`);
    failed++;
    continue;
  }
  console.log(`\n=== ${name}`);
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
