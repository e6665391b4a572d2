// The Kubernetes objects of each app: its settings, Deployment, Service, disruption
// budget, autoscaler and migration Job, all from tools/deploy/support/platform.ts.
import {
  AUTH_DIR,
  buildOutput,
  clusterName,
  CONTAINER_PORT,
  type DeployedApp,
  JWKS_FILE,
  PLATFORM,
  SIGNING_KEY_FILE,
} from '../support/platform';

type Manifest = Record<string, unknown>;

export const PART_OF = 'redmet';
export const KAFKA_BOOTSTRAP = 'redmet-kafka-bootstrap:9092';
/** Secrets the operator creates (deploy/OPERATIONS.md says how); the manifests only reference them. */
export const AUTH_JWKS_SECRET = 'redmet-auth-jwks';
export const SIGNING_KEY_SECRET = 'redmet-auth-signing-key';
export const SMTP_SECRET = 'target-monitoring-smtp';
export const WEBHOOK_KEYS_SECRET = 'target-monitoring-webhook-keys';
const WEBHOOK_KEYS_DIR = '/var/lib/redmet/webhook-keys';

/** Settings every service gets: production mode, the image's port, migrations left to the Job. */
export const PLATFORM_SETTINGS: Record<string, string> = {
  NODE_ENV: 'production',
  PORT: String(CONTAINER_PORT),
  LOG_LEVEL: 'info',
  DATABASE_MIGRATIONS_RUN: 'false',
  AUTH_JWKS: JWKS_FILE,
};

/** Settings of the services that use Kafka: Strimzi's bootstrap service and a replicated cluster. */
export const MESSAGING_SETTINGS: Record<string, string> = {
  KAFKA_BROKERS: KAFKA_BOOTSTRAP,
  KAFKA_REPLICATION_FACTOR: '3',
  KAFKA_MIN_INSYNC_REPLICAS: '2',
};

/** Per-service settings; overlays patch the public URLs. */
export function serviceSettings(app: DeployedApp): Record<string, string> {
  if (app.app === 'gateway') {
    const upstreams = PLATFORM.filter((other) => other.gatewayUpstream).map((other) => [
      other.gatewayUpstream!,
      `http://${other.app}`,
    ]);
    return {
      ...Object.fromEntries(upstreams),
      AUTH_SIGNING_KEY_FILE: SIGNING_KEY_FILE,
      CONSOLE_ORIGIN: 'http://localhost:3000',
    };
  }
  if (app.app === 'target-monitoring') {
    return { CONSOLE_URL: 'http://localhost:3000', WEBHOOK_SECRET_KEYS_FILE: `${WEBHOOK_KEYS_DIR}/keys` };
  }
  return {};
}

function labels(app: DeployedApp, component: string) {
  return {
    'app.kubernetes.io/name': app.app,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': PART_OF,
  };
}

const selector = (app: DeployedApp) => ({
  matchLabels: { 'app.kubernetes.io/name': app.app, 'app.kubernetes.io/component': 'service' },
});

function environment(app: DeployedApp) {
  const env: Manifest[] = [
    { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${clusterName(app)}-app`, key: 'uri' } } },
  ];
  if (app.app === 'target-monitoring') {
    env.push({ name: 'SMTP_URL', valueFrom: { secretKeyRef: { name: SMTP_SECRET, key: 'SMTP_URL', optional: true } } });
  }
  const envFrom = [
    { configMapRef: { name: 'redmet-platform' } },
    ...(app.messaging ? [{ configMapRef: { name: 'redmet-messaging' } }] : []),
    { configMapRef: { name: `${app.app}-config` } },
  ];
  return { env, envFrom };
}

function volumes(app: DeployedApp) {
  const list: Manifest[] = [
    { name: 'tmp', emptyDir: {} },
    { name: 'jwks', secret: { secretName: AUTH_JWKS_SECRET } },
  ];
  const mounts: Manifest[] = [
    { name: 'tmp', mountPath: '/tmp' },
    { name: 'jwks', mountPath: AUTH_DIR, readOnly: true },
  ];
  if (app.app === 'gateway') {
    list.push({ name: 'signing-key', secret: { secretName: SIGNING_KEY_SECRET, defaultMode: 0o440 } });
    mounts.push({ name: 'signing-key', mountPath: SIGNING_KEY_FILE.replace(/\/[^/]+$/, ''), readOnly: true });
  }
  if (app.app === 'target-monitoring') {
    list.push({ name: 'webhook-keys', secret: { secretName: WEBHOOK_KEYS_SECRET, defaultMode: 0o440 } });
    mounts.push({ name: 'webhook-keys', mountPath: WEBHOOK_KEYS_DIR, readOnly: true });
  }
  return { list, mounts };
}

const POD_SECURITY = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};
const CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function container(app: DeployedApp, entry: string, volumeMounts: Manifest[]) {
  const { env, envFrom } = environment(app);
  return {
    name: app.app,
    image: `redmet/${app.app}`,
    command: ['node', buildOutput(app.app, entry)],
    envFrom,
    env,
    resources: app.resources,
    securityContext: CONTAINER_SECURITY,
    volumeMounts,
  };
}

function deployment(app: DeployedApp): Manifest {
  const probe = (path: string, periodSeconds: number, timeoutSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds,
    failureThreshold,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.app, labels: labels(app, 'service') },
    // No `replicas`: the HorizontalPodAutoscaler owns it, and an apply would reset it otherwise.
    spec: {
      selector: selector(app),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: labels(app, 'service'),
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(CONTAINER_PORT) },
        },
        spec: {
          securityContext: POD_SECURITY,
          // Long enough for in-flight requests, Kafka's consumer leave and the relay's last batch.
          terminationGracePeriodSeconds: 45,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: selector(app),
            },
          ],
          containers: [
            {
              ...container(app, 'main', volumes(app).mounts),
              ports: [{ name: 'http', containerPort: CONTAINER_PORT }],
              // Start-up creates missing topics and connects to the database and Kafka: give it time once.
              startupProbe: probe('/health/live', 5, 3, 30),
              livenessProbe: probe('/health/live', 10, 3, 3),
              readinessProbe: probe('/health/ready', 10, 6, 3),
              // The endpoint is removed from the Service before the process is asked to stop.
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
            },
          ],
          volumes: volumes(app).list,
        },
      },
    },
  };
}

function service(app: DeployedApp): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.app, labels: labels(app, 'service') },
    spec: { selector: selector(app).matchLabels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

function disruptionBudget(app: DeployedApp): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app.app, labels: labels(app, 'service') },
    spec: { maxUnavailable: 1, selector: selector(app) },
  };
}

function autoscaler(app: DeployedApp): Manifest {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: app.app, labels: labels(app, 'service') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.app },
      minReplicas: app.replicas.min,
      maxReplicas: app.replicas.max,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
      // Scaling a consumer in rebalances its group: do it slowly.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}

/**
 * Runs pending migrations once, in one pod, before the new version rolls out
 * (services run with DATABASE_MIGRATIONS_RUN=false so that replicas never
 * migrate concurrently). Argo CD runs it as a PreSync hook; with kubectl,
 * deploy/OPERATIONS.md applies and waits for it first.
 */
function migrationJob(app: DeployedApp): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${app.app}-migrate`,
      labels: labels(app, 'migration'),
      annotations: {
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      },
    },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: labels(app, 'migration') },
        spec: {
          restartPolicy: 'Never',
          securityContext: POD_SECURITY,
          // Only the database: the Job must not wait for the auth Secrets.
          containers: [container(app, 'migrate', [{ name: 'tmp', mountPath: '/tmp' }])],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function settings(app: DeployedApp): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    // Its own component, so that a deployment can apply settings and migration Jobs before the rollout.
    metadata: { name: `${app.app}-config`, labels: labels(app, 'config') },
    data: serviceSettings(app),
  };
}

export function appManifests(app: DeployedApp): Manifest[] {
  return [settings(app), deployment(app), service(app), disruptionBudget(app), autoscaler(app), migrationJob(app)];
}

export function sharedSettings(): Manifest[] {
  const configMap = (name: string, data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { 'app.kubernetes.io/component': 'config', 'app.kubernetes.io/part-of': PART_OF } },
    data,
  });
  return [configMap('redmet-platform', PLATFORM_SETTINGS), configMap('redmet-messaging', MESSAGING_SETTINGS)];
}
