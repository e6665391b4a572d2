// Compiles every service with the Nest CLI (tsc, path aliases rewritten to relative imports).
import { run, services } from './services.mjs';

for (const service of services()) {
  console.log(`[build] ${service.name}`);
  await run(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build', service.name]);
}
