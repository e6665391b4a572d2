// The settings the deployment gives each service pass that service's own validation
// (its environment class, as at start), and every setting is documented in .env.example
// and deploy/OPERATIONS.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { validateEnvironment } from '../../libs/platform/src/config/validate-environment';
import { ROOT } from './support/environment-classes';
import {
  BASE,
  containerEnvironment,
  kustomizeResources,
  type K8sObject,
  named,
  OVERLAYS,
  readKustomization,
  readYamlDocuments,
} from './support/manifests';
import { PLATFORM } from './support/platform';
import { environmentOf } from './support/settings';

type Validate = (raw: Record<string, unknown>) => object;

/** The service's own validation, exactly as PlatformModule runs it at start. */
function validatorOf(app: string): Validate {
  const environment = environmentOf(app);
  // The file is only known at run time, per app; jest compiles it on require (an import() would not be).
  const exports = require(path.join(ROOT, environment.file)) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports
  const defaults = Object.entries(exports).find(([name]) => name.endsWith('_DEFAULTS'))?.[1] ?? {};
  return validateEnvironment(exports[environment.className] as new () => object, defaults as object);
}

/** Stand-ins for values that come from Secrets, shaped as the Secrets hold them. */
const SECRET_VALUES: Record<string, string> = {
  DATABASE_URL: 'postgresql://app:secret@redmet-db-rw.redmet:5432/redmet',
  SMTP_URL: 'smtp://user:secret@mail.example.org:587',
};

/** ConfigMaps with an overlay's strategic-merge patches of their data applied. */
function overlayObjects(overlay: string): K8sObject[] {
  const objects = kustomizeResources(overlay).map((object) => structuredClone(object));
  for (const patch of readKustomization(overlay).patches ?? []) {
    if (!patch.path) continue;
    for (const document of readYamlDocuments(path.join(overlay, patch.path)) as K8sObject[]) {
      const target = document.kind === 'ConfigMap' ? named(objects, 'ConfigMap', document.metadata.name) : undefined;
      if (target) target.data = { ...target.data, ...document.data };
    }
  }
  return objects;
}

/** The validation's message, or undefined when the settings are valid. */
function problemOf(validate: Validate, settings: Record<string, unknown>): string | undefined {
  try {
    validate(settings);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function interpolated(value: unknown): string {
  return String(value).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? '');
}

describe('settings', () => {
  const validators = new Map(PLATFORM.map((app) => [app.app, validatorOf(app.app)]));

  it('are checked by a validation that rejects a wrong value', () => {
    const validate = validators.get('gateway')!;
    expect(problemOf(validate, { REGISTRY_URL: 'http://deposit-registry' })).toBeUndefined();
    expect(problemOf(validate, { REGISTRY_URL: 'deposit registry' })).toMatch(/REGISTRY_URL/);
  });

  it.each([BASE, ...OVERLAYS])('in %s pass each service validation', (directory) => {
    const objects = directory === BASE ? kustomizeResources(BASE) : overlayObjects(directory);
    const workloads = objects.filter((object) => object.kind === 'Deployment' || object.kind === 'Job');
    expect(workloads.length).toBe(PLATFORM.length * 2);
    for (const workload of workloads) {
      const app = workload.metadata.labels!['app.kubernetes.io/name'];
      for (const container of workload.spec.template.spec.containers) {
        const { values, fromSecrets } = containerEnvironment(objects, container);
        const secrets = Object.fromEntries(Object.keys(fromSecrets).map((name) => [name, SECRET_VALUES[name]]));
        const problem = problemOf(validators.get(app)!, { ...values, ...secrets });
        expect([workload.metadata.name, problem]).toEqual([workload.metadata.name, undefined]);
      }
    }
  });

  it('in docker-compose.yml pass each service validation', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { image?: string; environment?: Record<string, unknown> }>;
    };
    let checked = 0;
    for (const [name, service] of Object.entries(compose.services)) {
      const app = /^redmet\/([a-z-]+):/.exec(service.image ?? '')?.[1];
      if (!app) continue;
      const environment = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolated(value)]),
      );
      expect([name, problemOf(validators.get(app)!, environment)]).toEqual([name, undefined]);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(PLATFORM.length * 2);
  });

  it('are all listed in .env.example and in the configuration reference of deploy/OPERATIONS.md', () => {
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const operations = readFileSync(path.join(ROOT, 'deploy/OPERATIONS.md'), 'utf8');
    for (const app of PLATFORM) {
      for (const setting of environmentOf(app.app).settings) {
        expect([setting.name, new RegExp(`^# ${setting.name}[=:]`, 'm').test(example)]).toEqual([setting.name, true]);
        const row = new RegExp(`^\\| \`${setting.name}\` +\\|`, 'm');
        expect([setting.name, row.test(operations)]).toEqual([setting.name, true]);
      }
    }
  });
});
