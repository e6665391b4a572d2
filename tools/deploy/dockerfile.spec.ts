// deploy/docker/Dockerfile: multi-stage, non-root, health-checked, started from the
// build output of the app it is built for; the production dependencies it installs
// hold every package the apps import.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { notBuilt } from './support/build-output';
import { ROOT } from './support/environment-classes';
import { filesUnder } from './support/manifests';
import { CONTAINER_PORT, PLATFORM } from './support/platform';

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions per stage, continuation lines joined and comments dropped. */
function stages(dockerfile: string): Instruction[][] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n');
  const result: Instruction[][] = [];
  for (const line of lines.map((candidate) => candidate.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

const dockerfile = readFileSync(path.join(ROOT, 'deploy/docker/Dockerfile'), 'utf8');
const all = stages(dockerfile);
const runtime = all.at(-1)!;
const find = (stage: Instruction[], keyword: string) => stage.filter((instruction) => instruction.keyword === keyword);

describe('deploy/docker/Dockerfile', () => {
  it('builds in one stage and runs from a slim one that holds no build tools', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    const installs = all.flatMap((stage) => find(stage, 'RUN')).filter((run) => /npm ci/.test(run.args));
    expect(installs.some((run) => /--omit=dev/.test(run.args))).toBe(true);
    const copiedModules = find(runtime, 'COPY').find((copy) => /node_modules/.test(copy.args));
    const from = /--from=(\S+)/.exec(copiedModules?.args ?? '')?.[1];
    const source = all.find((stage) => new RegExp(`\\bAS ${from}$`, 'i').test(stage[0].args));
    expect(find(source!, 'RUN').some((run) => /npm ci --omit=dev/.test(run.args))).toBe(true);
    expect(find(runtime, 'RUN').some((run) => /npm (ci|install)/.test(run.args))).toBe(false);
  });

  it('runs as a numeric non-root user and listens where PORT says', () => {
    const [user] = find(runtime, 'USER');
    expect(user.args).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(find(runtime, 'ENV')[0].args).toContain(`PORT=${CONTAINER_PORT}`);
    expect(find(runtime, 'EXPOSE')[0].args).toBe(String(CONTAINER_PORT));
  });

  it('checks its health on /health/live with a script the image holds', () => {
    const [healthcheck] = find(runtime, 'HEALTHCHECK');
    const command = JSON.parse(healthcheck.args.slice(healthcheck.args.indexOf('CMD') + 3)) as string[];
    expect(command).toEqual(['node', 'deploy/docker/healthcheck.cjs', '/health/live']);
    expect(find(runtime, 'COPY').some((copy) => copy.args.startsWith('deploy/docker/healthcheck.cjs '))).toBe(true);
  });

  it('starts, for every app, a file the build produces and copies into the image', () => {
    const [cmd] = find(runtime, 'CMD');
    const command = (JSON.parse(cmd.args) as string[]).join(' ');
    const copiesBuild = find(runtime, 'COPY').some((copy) =>
      /dist\/apps\/\$\{APP\} \.\/dist\/apps\/\$\{APP\}$/.test(copy.args),
    );
    expect(copiesBuild).toBe(true);
    for (const app of PLATFORM) {
      const entry = /node (\S+)/.exec(command.replaceAll('$APP', app.app))?.[1] ?? '';
      expect([app.app, notBuilt(app.app, entry)]).toEqual([app.app, undefined]);
    }
  });

  it('builds the console into the directory the gateway serves, and only for the gateway', () => {
    const build = find(all[0], 'RUN').find((run) => /vite build/.test(run.args))!;
    expect(build.args).toMatch(/if \[ "\$APP" = gateway \]/);
    const config = /--config ([^\s;]+)/.exec(build.args)![1];
    expect(existsSync(path.join(ROOT, config))).toBe(true);
    expect(readFileSync(path.join(ROOT, config), 'utf8')).toMatch(
      /outDir: path\.resolve\(ROOT, '\.\.\/\.\.\/dist\/console'\)/,
    );
    expect(readFileSync(path.join(ROOT, 'apps/gateway/src/gateway.environment.ts'), 'utf8')).toMatch(
      /CONSOLE_DIR = 'dist\/console'/,
    );
    expect(find(runtime, 'COPY').some((copy) => /\/src\/dist\/console \.\/dist\/console$/.test(copy.args))).toBe(true);
  });

  it('copies only files that exist, and .dockerignore keeps local secrets and build output out', () => {
    for (const copy of all
      .flatMap((stage) => find(stage, 'COPY'))
      .filter((candidate) => !candidate.args.includes('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect([source, existsSync(path.join(ROOT, source))]).toEqual([source, true]);
    }
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', '.cache', '.env', 'node_modules', 'dist']) expect(ignored).toContain(entry);
  });

  it('installs, with --omit=dev, every package the apps and libraries import at run time', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const production = (name: string) => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry !== undefined && !entry.dev && !entry.devOptional;
    };
    const sources = [...PLATFORM.map((app) => `apps/${app.app}/src`), 'libs']
      .flatMap((directory) => filesUnder(directory, /(?<!\.spec)\.ts$/))
      .filter(
        (file) => !/\/(test|testing)\//.test(file) && !file.startsWith('libs/testing/') && !file.includes('/asyncapi/'),
      );
    const packages = new Set<string>();
    for (const file of sources) {
      const code = readFileSync(path.join(ROOT, file), 'utf8');
      for (const [, specifier] of code.matchAll(/^import (?!type )(?:[^;]*?from )?'([^'.][^']*)'/gms)) {
        if (specifier.startsWith('node:') || specifier.startsWith('@redmet/')) continue;
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
      }
    }
    expect([...packages]).toEqual(expect.arrayContaining(['@nestjs/core', 'kafkajs', 'typeorm', 'reflect-metadata']));
    expect([...packages].filter((name) => !production(name))).toEqual([]);
  });
});
