// The operator-facing observability files in their Kubernetes form: the alerting rules
// as a PrometheusRule and the dashboard as a ConfigMap Grafana's sidecar picks up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/environment-classes';

export const RULES_FILE = 'deploy/observability/prometheus/redmet-alerts.rules.yml';
export const DASHBOARD_FILE = 'deploy/observability/grafana/redmet-platform.json';

const labels = { 'app.kubernetes.io/part-of': 'redmet' };

export function prometheusRule(): Record<string, unknown> {
  const rules = parse(readFileSync(path.join(ROOT, RULES_FILE), 'utf8')) as { groups: unknown[] };
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    // `release` is the label kube-prometheus-stack's Prometheus selects rules by; change it to yours.
    metadata: { name: 'redmet-alerts', labels: { ...labels, release: 'prometheus' } },
    spec: { groups: rules.groups },
  };
}

export function dashboardConfigMap(dashboardJson: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'redmet-grafana-dashboard', labels: { ...labels, grafana_dashboard: '1' } },
    data: { 'redmet-platform.json': dashboardJson },
  };
}
