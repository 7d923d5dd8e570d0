/**
 * The dependency rule (issue 8): the platform knows no module; a module reaches another module only
 * through its services and pure helpers, never its SQL (repository.ts, *-repository.ts, schema);
 * the web apps never import server code. `npm run lint:deps` checks it; `npm run lint` includes it.
 *
 * Known exceptions are listed with their reason in `pathNot`; remove one when its cause goes.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      comment:
        'src/server/platform is the base every module builds on; it must not import a module ' +
        '(that is what services.ts, the one wiring place, is for).',
      severity: 'error',
      from: {
        path: '^src/server/platform/',
        pathNot: [
          // Tests of the platform drive a whole demo app, which is made of modules.
          '\\.test\\.ts$',
        ],
      },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'no-foreign-repository',
      comment:
        'A module may not read another module’s tables directly: call its service or a port. ' +
        'Its repository.ts, *-repository.ts, schema and migrations files are private to it.',
      severity: 'error',
      from: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: [
          // EXCEPTION: the demo seed bulk-loads thousands of areas in one insert and builds each
          // row with the areas module's pure `areaRowBelow` (path and depth rules stay in one
          // place). Moving that helper out of areas/repository.ts (e.g. to areas/rows.ts) ends it.
          '^src/server/modules/demo/seed\\.ts$',
        ],
      },
      to: {
        path: '^src/server/modules/([^/]+)/(repository|[^/]*-repository|schema|[^/]*-schema|migrations)\\.ts$',
        pathNot: '^src/server/modules/$1/',
      },
    },
    {
      name: 'web-imports-no-server',
      comment:
        'The web apps talk to the server through the HTTP API (src/web/shared/api-types.ts), never its code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
