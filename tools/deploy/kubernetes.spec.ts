// The Kubernetes manifests: they parse, every workload is probed, bounded and
// protected, the topics are the contracts', and every container's settings are ones its
// service declares, with everything it needs set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_TOPICS, deadLetterTopicName } from '@redmet/contracts';
import { notBuilt } from './support/build-output';
import { ROOT } from './support/environment-classes';
import {
  BASE,
  containerEnvironment,
  filesUnder,
  kustomizeResources,
  type K8sObject,
  named,
  ofKind,
  OVERLAYS,
  podTemplates,
  readKustomization,
  readYamlDocuments,
} from './support/manifests';
import { buildOutput, CONTAINER_PORT, PLATFORM } from './support/platform';
import { requiredInContainers, undeclared } from './support/settings';

const base = kustomizeResources(BASE);
const withDatabases = [...base, ...kustomizeResources('deploy/kubernetes/components/cloudnative-pg')];

const UNITS: Record<string, number> = { '': 1, m: 0.001, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Cores or bytes, from a Kubernetes quantity (`100m`, `1`, `512Mi`). */
function quantity(value: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti)?$/.exec(String(value));
  if (!match) throw new Error(`not a quantity: ${value}`);
  return Number(match[1]) * UNITS[match[2] ?? ''];
}

function appOf(owner: K8sObject): string {
  return owner.metadata.labels?.['app.kubernetes.io/name'] ?? owner.metadata.name;
}

describe('Kubernetes manifests', () => {
  it('parse, every document of every YAML file under deploy/kubernetes', () => {
    const files = filesUnder('deploy/kubernetes', /\.ya?ml$/);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const documents = readYamlDocuments(file);
      for (const document of documents) expect(document).toEqual(expect.any(Object));
    }
  });

  it('give every object an apiVersion, a kind and a name, unique per kind', () => {
    const ids = withDatabases.map((object) => `${object.kind}/${object.metadata?.name}`);
    for (const object of withDatabases) {
      expect(object).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String) });
      expect(object.metadata.name).toMatch(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('deploy every app of nest-cli.json, and only those', () => {
    const nest = JSON.parse(readFileSync(path.join(ROOT, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string }>;
    };
    const applications = Object.entries(nest.projects)
      .filter(([, project]) => project.type === 'application')
      .map(([name]) => name);
    expect(
      ofKind(base, 'Deployment')
        .map((deployment) => deployment.metadata.name)
        .sort(),
    ).toEqual(applications.sort());
    expect(PLATFORM.map((app) => app.app).sort()).toEqual(applications.sort());
  });

  it('probe every Deployment container for readiness and liveness on its HTTP port', () => {
    for (const deployment of ofKind(base, 'Deployment')) {
      for (const container of deployment.spec.template.spec.containers) {
        const port = container.ports.find((candidate: { name: string }) => candidate.name === 'http');
        expect(port?.containerPort).toBe(CONTAINER_PORT);
        expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
        expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      }
    }
  });

  it('bound every container of every Deployment and Job with requests within its limits', () => {
    const templates = podTemplates(base);
    expect(templates.length).toBe(PLATFORM.length * 2);
    for (const { owner, spec } of templates) {
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
        const { requests, limits } = container.resources ?? {};
        for (const resource of ['cpu', 'memory']) {
          expect([owner.metadata.name, resource, limits?.[resource]]).toEqual([
            owner.metadata.name,
            resource,
            expect.anything(),
          ]);
          expect(quantity(requests[resource])).toBeLessThanOrEqual(quantity(limits[resource]));
        }
      }
    }
  });

  it('run every pod as a non-root user without privilege escalation', () => {
    for (const { owner, spec } of podTemplates(base)) {
      expect([owner.metadata.name, spec.securityContext?.runAsNonRoot]).toEqual([owner.metadata.name, true]);
      for (const container of spec.containers) expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
    }
  });

  it('give every Deployment a disruption budget and an autoscaler, and leave its replicas to the autoscaler', () => {
    const matches = (selector: { matchLabels: Record<string, string> }, labels: Record<string, string>) =>
      Object.entries(selector.matchLabels).every(([key, value]) => labels[key] === value);
    for (const deployment of ofKind(base, 'Deployment')) {
      const podLabels = deployment.spec.template.metadata.labels;
      const budgets = ofKind(base, 'PodDisruptionBudget').filter((budget) => matches(budget.spec.selector, podLabels));
      expect([deployment.metadata.name, budgets.length]).toEqual([deployment.metadata.name, 1]);
      const scalers = ofKind(base, 'HorizontalPodAutoscaler').filter(
        (scaler) =>
          scaler.spec.scaleTargetRef.kind === 'Deployment' &&
          scaler.spec.scaleTargetRef.name === deployment.metadata.name,
      );
      expect([deployment.metadata.name, scalers.length]).toEqual([deployment.metadata.name, 1]);
      expect(scalers[0].spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec.replicas).toBeUndefined();
    }
  });

  it('hold a KafkaTopic for each topic of the contracts and its dead-letter topic, replicated 3 times with min.insync.replicas 2', () => {
    const topics = ofKind(base, 'KafkaTopic');
    const expected = ALL_TOPICS.flatMap((topic) => [
      { name: topic.name, partitions: topic.partitions },
      { name: deadLetterTopicName(topic.name), partitions: 1 },
    ]);
    expect(
      topics.map((topic) => ({ name: topic.spec.topicName, partitions: topic.spec.partitions })).sort(byName),
    ).toEqual(expected.sort(byName));
    for (const topic of topics) {
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe(named(base, 'Kafka', 'redmet')?.metadata.name);
      expect(topic.spec.replicas).toBe(3);
      expect(String(topic.spec.config['min.insync.replicas'])).toBe('2');
      expect(Number(topic.spec.config['retention.ms'])).toEqual(expect.any(Number));
    }
  });

  it('run Kafka in KRaft mode with three brokers and three controllers in node pools', () => {
    const kafka = named(base, 'Kafka', 'redmet')!;
    expect(kafka.metadata.annotations?.['strimzi.io/node-pools']).toBe('enabled');
    const pools = ofKind(base, 'KafkaNodePool').filter(
      (pool) => pool.metadata.labels?.['strimzi.io/cluster'] === 'redmet',
    );
    const count = (role: string) =>
      pools.filter((pool) => pool.spec.roles.includes(role)).reduce((sum, pool) => sum + pool.spec.replicas, 0);
    expect(count('broker')).toBe(3);
    expect(count('controller')).toBe(3);
    expect(kafka.spec.kafka.config['min.insync.replicas']).toBe(2);
  });

  it('start every container with a file the build produces', () => {
    for (const { owner, spec } of podTemplates(base)) {
      const app = appOf(owner);
      for (const container of spec.containers) {
        expect(container.image).toBe(`redmet/${app}`);
        const [node, entry] = container.command;
        expect(node).toBe('node');
        expect([owner.metadata.name, notBuilt(app, entry)]).toEqual([owner.metadata.name, undefined]);
      }
    }
  });

  it("set only settings a container's service declares, and every one it needs, to cluster values", () => {
    for (const { owner, spec } of podTemplates(base)) {
      const app = appOf(owner);
      for (const container of spec.containers) {
        const environment = containerEnvironment(base, container);
        const names = [...Object.keys(environment.values), ...Object.keys(environment.fromSecrets)];
        expect([owner.metadata.name, undeclared(app, names)]).toEqual([owner.metadata.name, []]);
        if (owner.kind !== 'Deployment') continue;
        const missing = requiredInContainers(app).filter((name) => !names.includes(name));
        expect([owner.metadata.name, missing]).toEqual([owner.metadata.name, []]);
        expect(environment.values).toMatchObject({ NODE_ENV: 'production', DATABASE_MIGRATIONS_RUN: 'false' });
        expect(environment.values.PORT).toBe(String(CONTAINER_PORT));
        if (names.includes('KAFKA_BROKERS')) {
          expect(environment.values).toMatchObject({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' });
        }
      }
    }
  });

  it("point each service's DATABASE_URL at its own database's Secret", () => {
    const clusters = ofKind(withDatabases, 'Cluster');
    for (const app of PLATFORM) {
      const deployment = named(base, 'Deployment', app.app)!;
      const { fromSecrets } = containerEnvironment(base, deployment.spec.template.spec.containers[0]);
      const cluster = clusters.find((candidate) => fromSecrets.DATABASE_URL === `${candidate.metadata.name}-app/uri`);
      expect([app.app, cluster?.spec.bootstrap.initdb.database]).toEqual([app.app, app.database]);
    }
  });

  it('point the gateway at Services that exist', () => {
    const { values } = containerEnvironment(
      base,
      named(base, 'Deployment', 'gateway')!.spec.template.spec.containers[0],
    );
    for (const app of PLATFORM.filter((candidate) => candidate.gatewayUpstream)) {
      const url = new URL(values[app.gatewayUpstream!]);
      const service = named(base, 'Service', url.hostname);
      expect([app.app, service?.spec.ports[0].port]).toEqual([app.app, Number(url.port || 80)]);
      expect(service?.spec.selector['app.kubernetes.io/name']).toBe(app.app);
    }
  });

  it('reference only Secrets the operators create (documented) or CloudNativePG makes', () => {
    const operations = readFileSync(path.join(ROOT, 'deploy/OPERATIONS.md'), 'utf8');
    const made = new Set(ofKind(withDatabases, 'Cluster').map((cluster) => `${cluster.metadata.name}-app`));
    const referenced = new Set<string>();
    for (const { spec } of podTemplates(base)) {
      for (const volume of spec.volumes ?? []) if (volume.secret) referenced.add(volume.secret.secretName);
      for (const container of spec.containers) {
        for (const secret of Object.values(containerEnvironment(base, container).fromSecrets))
          referenced.add(secret.split('/')[0]);
      }
    }
    for (const secret of referenced) {
      if (!made.has(secret)) expect([secret, operations.includes(`\`${secret}\``)]).toEqual([secret, true]);
    }
    expect(operations).toContain('`redmet-<service>-db-app`');
  });

  it('run a migration Job per service that migrates once, with the same settings as the service', () => {
    for (const app of PLATFORM) {
      const job = named(base, 'Job', `${app.app}-migrate`)!;
      const deployment = named(base, 'Deployment', app.app)!;
      const [jobContainer] = job.spec.template.spec.containers;
      const [serviceContainer] = deployment.spec.template.spec.containers;
      expect(jobContainer.command).toEqual(['node', buildOutput(app.app, 'migrate')]);
      expect(job.spec.parallelism ?? 1).toBe(1);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(jobContainer.envFrom).toEqual(serviceContainer.envFrom);
      expect(jobContainer.env).toEqual(serviceContainer.env);
    }
  });

  it('patch, in each overlay, only objects and kinds the base and its components define', () => {
    for (const overlay of OVERLAYS) {
      const kustomization = readKustomization(overlay);
      const objects = kustomizeResources(overlay);
      for (const patch of kustomization.patches ?? []) {
        if (patch.target?.kind) {
          expect([overlay, patch.target.kind, ofKind(objects, patch.target.kind).length > 0]).toEqual([
            overlay,
            patch.target.kind,
            true,
          ]);
        }
        for (const document of patch.path ? (readYamlDocuments(path.join(overlay, patch.path)) as K8sObject[]) : []) {
          expect([
            overlay,
            document.kind,
            document.metadata.name,
            !!named(objects, document.kind, document.metadata.name),
          ]).toEqual([overlay, document.kind, document.metadata.name, true]);
        }
      }
      const images = (readYamlDocuments(path.join(overlay, 'kustomization.yaml'))[0] as { images: { name: string }[] })
        .images;
      expect(images.map((image) => image.name).sort()).toEqual(PLATFORM.map((app) => `redmet/${app.app}`).sort());
    }
  });
});

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
