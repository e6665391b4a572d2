// One CloudNativePG cluster per service database. The operator creates the Secret
// `<cluster>-app` whose `uri` key the services read as DATABASE_URL; with external
// databases, create Secrets of the same name and key instead (deploy/OPERATIONS.md).
import { clusterName, PLATFORM } from '../support/platform';

export function postgresClusters(): Record<string, unknown>[] {
  return PLATFORM.map((app) => ({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: {
      name: clusterName(app),
      labels: { 'app.kubernetes.io/name': clusterName(app), 'app.kubernetes.io/part-of': 'redmet' },
    },
    spec: {
      instances: 3,
      // The major version the services are tested against.
      imageName: 'ghcr.io/cloudnative-pg/postgresql:15',
      primaryUpdateStrategy: 'unsupervised',
      bootstrap: { initdb: { database: app.database, owner: app.database } },
      // Each instance of the service holds DATABASE_POOL_SIZE connections plus one for the relay.
      postgresql: { parameters: { max_connections: '200' } },
      storage: { size: '20Gi' },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    },
  }));
}
