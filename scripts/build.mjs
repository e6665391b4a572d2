// Compiles every service with the Nest CLI (tsc, path aliases rewritten to
// relative imports) and the console with Vite into dist/console, which the
// gateway serves.
import { run, services } from './services.mjs';

for (const service of services()) {
  console.log(`[build] ${service.name}`);
  await run(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build', service.name]);
}
console.log('[build] console');
// The bundle users get, wherever the build runs: under Jest (NODE_ENV=test) Vite would bundle React's development build.
await run(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'],
  { env: { ...process.env, NODE_ENV: 'production' } },
);
