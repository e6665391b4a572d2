// What is deployed: one entry per app, read by the manifest generator and by the tests
// that check docker-compose.yml and the Kubernetes manifests against the apps.

/** Every image listens here (the Dockerfile sets PORT); Kubernetes Services expose it on port 80. */
export const CONTAINER_PORT = 8080;

/** Where an image keeps the JWKS and the gateway's signing key (compose: a volume; Kubernetes: Secrets). */
export const AUTH_DIR = '/var/lib/redmet/auth';
export const JWKS_FILE = `${AUTH_DIR}/jwks.json`;
export const SIGNING_KEY_FILE = '/var/lib/redmet/signing/signing-key.json';

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export interface DeployedApp {
  app: string;
  /** Its own PostgreSQL database; the CloudNativePG cluster is `redmet-<short>-db`. */
  database: string;
  short: string;
  /** The host port docker compose publishes (the same as `npm start`'s). */
  hostPort: number;
  /** Extends MessagingEnvironment: talks to Kafka. */
  messaging: boolean;
  /** The gateway setting that points at this service, if the gateway proxies to it. */
  gatewayUpstream?: 'REGISTRY_URL' | 'REPORTING_URL' | 'SUBSIDY_URL' | 'MONITORING_URL';
  /** Production replicas: the HPA's range. A consumer past the partitions of its topics only helps HTTP. */
  replicas: { min: number; max: number };
  resources: Resources;
}

const SMALL: Resources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } };
const CONSUMER: Resources = { requests: { cpu: '200m', memory: '384Mi' }, limits: { cpu: '1', memory: '768Mi' } };

export const PLATFORM: readonly DeployedApp[] = [
  {
    app: 'deposit-registry',
    database: 'redmet_registry',
    short: 'registry',
    hostPort: 3001,
    messaging: true,
    gatewayUpstream: 'REGISTRY_URL',
    replicas: { min: 2, max: 6 },
    resources: SMALL,
  },
  {
    app: 'production-reporting',
    database: 'redmet_reporting',
    short: 'reporting',
    hostPort: 3002,
    messaging: true,
    gatewayUpstream: 'REPORTING_URL',
    replicas: { min: 2, max: 6 },
    resources: CONSUMER,
  },
  {
    app: 'subsidy-processing',
    database: 'redmet_subsidy',
    short: 'subsidy',
    hostPort: 3003,
    messaging: true,
    gatewayUpstream: 'SUBSIDY_URL',
    replicas: { min: 2, max: 6 },
    resources: CONSUMER,
  },
  {
    app: 'target-monitoring',
    database: 'redmet_monitoring',
    short: 'monitoring',
    hostPort: 3004,
    messaging: true,
    gatewayUpstream: 'MONITORING_URL',
    replicas: { min: 2, max: 6 },
    resources: CONSUMER,
  },
  {
    app: 'gateway',
    database: 'redmet_gateway',
    short: 'gateway',
    hostPort: 3000,
    messaging: true,
    replicas: { min: 2, max: 10 },
    // argon2id hashing at login is memory- and CPU-hungry.
    resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '768Mi' } },
  },
];

/** What `nest build <app>` produces for `apps/<app>/src/<name>.ts`. */
export function buildOutput(app: string, name: string): string {
  return `dist/apps/${app}/apps/${app}/src/${name}.js`;
}

export function clusterName(app: DeployedApp): string {
  return `redmet-${app.short}-db`;
}
