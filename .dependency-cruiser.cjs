/**
 * The direction of dependencies in src/ (see README, "Architecture"). Each layer may import only
 * the layers below it; `npm run lint` (and .ci/run) fails on any import that goes another way.
 *
 *   main.ts, cli.ts, app.ts   composition: may import anything
 *   web/                      → flows, bot, knowledge, domain, text (the dashboard: a reader of the flows, mounted by main.ts)
 *   bot/adapters/             → bot, text             (never flows, knowledge, domain, app)
 *   flows/                    → bot, knowledge, domain, text
 *   checks/                   → knowledge, domain, text
 *   bot/ (the runtime)        → domain, text          (never an adapter)
 *   knowledge/                → domain, text
 *   domain/                   → text
 *   text/                     → nothing
 * log.ts and config.ts are leaves every layer above text may use (config: not knowledge, domain).
 */
const layer = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: '^src/', pathNot: allowed },
});

module.exports = {
  forbidden: [
    layer('text-is-the-base', '^src/text/', '^src/text/', 'text/ (Vietnamese folding, keys, translation) imports nothing of the project'),
    layer('domain-on-text', '^src/domain/', '^src/(text|domain)/', 'domain/ (titles, units, calendar, review files) imports only text/'),
    layer('knowledge-below-core', '^src/knowledge/', '^src/(text|domain|knowledge)/|^src/log\\.ts$', 'knowledge/ imports only domain/ and text/'),
    layer('runtime-below-flows', '^src/bot/(?!adapters/)', '^src/(text|domain)/|^src/bot/(?!adapters/)|^src/(log|config)\\.ts$', 'bot/ (the runtime) knows no flow, no knowledge, no adapter'),
    layer('checks-on-data', '^src/checks/', '^src/(text|domain|knowledge|checks)/|^src/log\\.ts$', 'checks/ (thidua kb check) reads the data files through domain/ and knowledge/'),
    layer('flows-on-core', '^src/flows/', '^src/(text|domain|knowledge|flows)/|^src/bot/(?!adapters/)|^src/(log|config)\\.ts$', 'flows/ use bot/, knowledge/, domain/; never an adapter or the app'),
    layer('web-on-flows', '^src/web/', '^src/(text|domain|knowledge|flows|web)/|^src/bot/(?!adapters/)|^src/(log|config)\\.ts$', 'web/ (the dashboard) reuses flows/, bot/, knowledge/; never an adapter or the app'),
    layer('adapters-on-runtime', '^src/bot/adapters/', '^src/(text|bot)/|^src/(log|config)\\.ts$', 'an adapter knows the runtime (bot/) only: no flow, no knowledge, no app'),
    {
      name: 'one-adapter-per-folder',
      comment: 'a platform folder does not import another platform (shared helpers live in bot/adapters/*.ts)',
      severity: 'error',
      from: { path: '^src/bot/adapters/([^/]+)/' },
      to: { path: '^src/bot/adapters/[^/]+/', pathNot: '^src/bot/adapters/$1/' },
    },
    {
      name: 'no-circular',
      comment: 'no module cycle at run time (a cycle through type-only imports or a lazy import() is harmless)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
