// `npm test`: brings up Kafka and PostgreSQL (idempotent), then runs every Jest
// project against them: unit, integration, faults, system and browser (the last
// three build dist/ first). Extra arguments go to Jest.
import { run } from './services.mjs';

await run(process.execPath, ['scripts/infra.mjs', 'up']);
await run(process.execPath, ['node_modules/jest/bin/jest.js', '--ci', ...process.argv.slice(2)], {
  env: { ...process.env, REDMET_SKIP_INFRA: '1' },
});
