const { execFileSync } = require('node:child_process');
const path = require('node:path');

/** System tests run what `npm start` runs: infrastructure up, every service (and the console) built. */
module.exports = async () => {
  const root = path.join(__dirname, '..', '..');
  if (process.env.REDMET_SKIP_INFRA !== '1') {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'infra.mjs'), 'up'], { stdio: 'inherit' });
  }
  if (process.env.REDMET_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  }
};
