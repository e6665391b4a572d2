// Writes the generated deployment files (Kubernetes manifests, Kafka topics, dashboard,
// .env.example, the configuration reference in deploy/OPERATIONS.md) from the apps, the
// contracts and tools/deploy/support/platform.ts:
//   npx ts-node -r tsconfig-paths/register --transpile-only scripts/generate-deploy.ts [--check]
// --check writes nothing and exits 1 listing the files that are stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDeployFiles } from '../tools/deploy/generate';
import { ROOT } from '../tools/deploy/support/environment-classes';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, text] of await generateDeployFiles()) {
    const target = path.join(ROOT, file);
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    stale.push(file);
    if (check) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
  if (check && stale.length > 0) {
    console.error(`stale (run scripts/generate-deploy.ts): ${stale.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
