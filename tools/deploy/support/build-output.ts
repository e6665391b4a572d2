// Whether a start command's file is one `nest build <app>` produces: the app's
// tsconfig.app.json compiles `src/**/*.ts` into dist/apps/<app>, so
// dist/apps/<app>/apps/<app>/src/<name>.js comes from apps/<app>/src/<name>.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './environment-classes';

const ENTRY = /^dist\/apps\/([^/]+)\/apps\/\1\/src\/(.+)\.js$/;

/** Why `entry` is not built for `app`, or undefined when it is. */
export function notBuilt(app: string, entry: string): string | undefined {
  const match = ENTRY.exec(entry);
  if (!match) return `${entry} is not a build output path (dist/apps/<app>/apps/<app>/src/<file>.js)`;
  if (match[1] !== app) return `${entry} belongs to ${match[1]}, not ${app}`;
  const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'apps', app, 'tsconfig.app.json'), 'utf8')) as {
    compilerOptions: { outDir: string };
    include: string[];
    exclude?: string[];
  };
  if (path.normalize(tsconfig.compilerOptions.outDir) !== path.normalize(`../../dist/apps/${app}`)) {
    return `apps/${app}/tsconfig.app.json compiles into ${tsconfig.compilerOptions.outDir}`;
  }
  const source = `src/${match[2]}.ts`;
  if (!tsconfig.include.includes('src/**/*.ts')) return `apps/${app}/tsconfig.app.json does not compile src/**/*.ts`;
  if (/\.(spec|e2e-spec)$/.test(match[2])) return `${source} is a test, which the build excludes`;
  if (!existsSync(path.join(ROOT, 'apps', app, source))) return `apps/${app}/${source} does not exist`;
  return undefined;
}
