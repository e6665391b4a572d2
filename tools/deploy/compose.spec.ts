// docker-compose.yml: valid against the Compose Specification's schema (vendored in
// deploy/schemas/), every app built and started from its build output, migrated once
// before it starts, and given only settings its service declares.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { notBuilt } from './support/build-output';
import { COMPOSE_VARIABLES } from './support/compose';
import { ROOT } from './support/environment-classes';
import { buildOutput, CONTAINER_PORT, PLATFORM } from './support/platform';
import { requiredInContainers, undeclared } from './support/settings';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  profiles?: string[];
  restart?: string;
}

const text = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = Object.entries(compose.services);

/** The app whose image a compose service runs (`redmet/<app>:tag`), if any. */
function appOf(service: ComposeService): string | undefined {
  return /^redmet\/([a-z-]+):/.exec(service.image ?? '')?.[1];
}

/** `${NAME:-default}` → default: how compose reads the file when `.env` sets nothing. */
function interpolated(value: string | number): string {
  return String(value).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? '');
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'deploy/schemas/compose-spec.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);

    const valid = validate(compose);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validate({ ...compose, services: { gateway: { ...compose.services.gateway, imag: 'typo' } } })).toBe(false);
  });

  it('builds every app from the parametrised Dockerfile and runs it from its build output', () => {
    for (const app of PLATFORM) {
      const service = compose.services[app.app];
      expect([app.app, service?.build]).toEqual([
        app.app,
        { context: '.', dockerfile: 'deploy/docker/Dockerfile', args: { APP: app.app } },
      ]);
      expect(appOf(service)).toBe(app.app);
    }
    for (const [name, service] of services) {
      const app = appOf(service);
      if (!app) continue;
      expect([name, service.build?.args?.APP]).toEqual([name, app]);
      if (service.command) {
        expect(service.command[0]).toBe('node');
        const [, entry] = service.command;
        if (entry.startsWith('dist/')) expect([name, notBuilt(app, entry)]).toEqual([name, undefined]);
      }
    }
  });

  it('migrates each database once, before its service starts, and never from the service itself', () => {
    for (const app of PLATFORM) {
      const service = compose.services[app.app];
      const migrations = services.filter(
        ([, candidate]) => appOf(candidate) === app.app && candidate.command?.[1] === buildOutput(app.app, 'migrate'),
      );
      expect([app.app, migrations.length]).toEqual([app.app, 1]);
      const [migrationName, migration] = migrations[0];
      expect(migration.restart).toBe('no');
      expect(service.depends_on?.[migrationName]).toEqual({ condition: 'service_completed_successfully' });
      expect(interpolated(migration.environment!.DATABASE_URL)).toBe(interpolated(service.environment!.DATABASE_URL));
      expect(service.environment?.DATABASE_MIGRATIONS_RUN).toBe('false');
    }
  });

  it("sets only settings each app's service declares, and every one it needs", () => {
    for (const [name, service] of services) {
      const app = appOf(service);
      if (!app) continue;
      const names = Object.keys(service.environment ?? {});
      expect([name, undeclared(app, names)]).toEqual([name, []]);
      if (!PLATFORM.some((candidate) => candidate.app === name)) continue;
      expect([name, requiredInContainers(app).filter((required) => !names.includes(required))]).toEqual([name, []]);
      expect(String(service.environment?.PORT)).toBe(String(CONTAINER_PORT));
    }
  });

  it("connects each app to its own database and the gateway to the apps' containers", () => {
    for (const app of PLATFORM) {
      const url = new URL(interpolated(compose.services[app.app].environment!.DATABASE_URL));
      expect([app.app, url.hostname, url.pathname]).toEqual([app.app, 'postgres', `/${app.database}`]);
    }
    const gateway = compose.services.gateway.environment!;
    for (const app of PLATFORM.filter((candidate) => candidate.gatewayUpstream)) {
      expect(gateway[app.gatewayUpstream!]).toBe(`http://${app.app}:${CONTAINER_PORT}`);
    }
  });

  it('creates a database for every app when PostgreSQL starts', () => {
    const sql = readFileSync(path.join(ROOT, 'deploy/docker/postgres-init.sql'), 'utf8');
    const created = [...sql.matchAll(/^CREATE DATABASE (\w+);/gm)].map((match) => match[1]);
    expect(created.sort()).toEqual(PLATFORM.map((app) => app.database).sort());
    expect(compose.services.postgres.volumes).toContain(
      './deploy/docker/postgres-init.sql:/docker-entrypoint-initdb.d/10-databases.sql:ro',
    );
  });

  it('health-checks what others wait for, and waits only for services that exist in the same profile', () => {
    for (const [name, service] of services) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = compose.services[dependency];
        expect([name, dependency, target !== undefined]).toEqual([name, dependency, true]);
        if (!service.profiles) expect([name, dependency, target.profiles]).toEqual([name, dependency, undefined]);
        if (condition === 'service_healthy') {
          const checked = target.healthcheck ? !target.healthcheck.disable : appOf(target) !== undefined;
          expect([name, dependency, checked]).toEqual([name, dependency, true]);
        }
      }
    }
    for (const app of PLATFORM) expect(compose.services[app.app].healthcheck?.test).toContain('/health/ready');
  });

  it('declares every named volume it mounts', () => {
    for (const [name, service] of services) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (!source.startsWith('.')) expect([name, source in compose.volumes]).toEqual([name, true]);
      }
    }
  });

  it('reads exactly the compose variables .env.example documents', () => {
    const used = new Set([...text.matchAll(/\$\{(\w+)/g)].map((match) => match[1]));
    expect([...used].sort()).toEqual(COMPOSE_VARIABLES.map((variable) => variable.name).sort());
  });
});
