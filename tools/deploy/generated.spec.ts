// The generated deployment files are what scripts/generate-deploy.ts makes today from
// the apps, the contracts and tools/deploy/support/platform.ts. The generator runs in a
// child process: Prettier, which formats its output, cannot be loaded inside Jest.
import { spawnSync } from 'node:child_process';
import { ROOT } from './support/environment-classes';

describe('generated deployment files', () => {
  it('are up to date (else run: npx ts-node -r tsconfig-paths/register --transpile-only scripts/generate-deploy.ts)', () => {
    const result = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'scripts/generate-deploy.ts',
        '--check',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
