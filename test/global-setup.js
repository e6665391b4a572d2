const { execFileSync } = require('node:child_process');
const path = require('node:path');

/** Integration tests need the real broker and database: start them (idempotent) before any test file runs. */
module.exports = async () => {
  if (process.env.REDMET_SKIP_INFRA === '1') return;
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'infra.mjs'), 'up'], { stdio: 'inherit' });
};
