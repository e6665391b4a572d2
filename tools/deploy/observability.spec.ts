// The alerting rules and the Grafana dashboard name only metrics the services export,
// matched and grouped by labels those metrics carry, and the rules cover what operators
// must hear about.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './support/environment-classes';
import { declaredMetrics, defaultLabels, defaultProcessMetrics, series } from './support/metrics';
import { namesIn } from './support/promql';

/** Labels Prometheus adds when it scrapes a Kubernetes pod. */
const TARGET_LABELS = ['namespace', 'pod', 'container', 'endpoint', 'job', 'instance'];

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const rules = (
  parse(readFileSync(path.join(ROOT, 'deploy/observability/prometheus/redmet-alerts.rules.yml'), 'utf8')) as {
    groups: { name: string; rules: Rule[] }[];
  }
).groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(
  readFileSync(path.join(ROOT, 'deploy/observability/grafana/redmet-platform.json'), 'utf8'),
) as {
  uid: string;
  panels: { id: number; type: string; title: string; targets?: { expr: string }[] }[];
  templating: { list: { name: string; type: string; query: string | { query: string } }[] };
};

function dashboardExpressions(): { where: string; expression: string }[] {
  const panels = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expression: target.expr })),
  );
  const variables = dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
      const [, selector, label] = /^label_values\((.+),\s*(\w+)\)$/.exec(query) ?? [];
      // label_values(selector, label) is Grafana's: read it as the selector grouped by the label.
      return { where: `variable ${variable.name}`, expression: `max by (${label}) (${selector})` };
    });
  return [...panels, ...variables];
}

describe('alerting rules and dashboard', () => {
  let exported: Map<string, string[]>;

  beforeAll(async () => {
    const extra = defaultLabels();
    const metrics = [...declaredMetrics(), ...(await defaultProcessMetrics())];
    exported = new Map(metrics.flatMap((metric) => [...series(metric, extra)]));
  });

  it('find the metrics the services declare', () => {
    expect([...exported.keys()]).toEqual(
      expect.arrayContaining([
        'redmet_consumer_lag',
        'redmet_events_dead_lettered_total',
        'redmet_outbox_backlog',
        'redmet_http_request_duration_seconds_count',
      ]),
    );
  });

  const expressions = [
    ...rules.map((rule) => ({ where: `alert ${rule.alert}`, expression: rule.expr })),
    ...dashboardExpressions(),
  ];

  it.each(expressions)('$where names only exported metrics and their labels', ({ where, expression }) => {
    const { selectors, clauseLabels } = namesIn(expression);
    expect(selectors.length).toBeGreaterThan(0);
    const available = new Set(TARGET_LABELS);
    for (const selector of selectors) {
      const labels = exported.get(selector.metric);
      expect([where, selector.metric, labels !== undefined]).toEqual([where, selector.metric, true]);
      for (const label of labels ?? []) available.add(label);
      const unknown = selector.matchers.filter((label) => !labels?.includes(label) && !TARGET_LABELS.includes(label));
      expect([where, selector.metric, unknown]).toEqual([where, selector.metric, []]);
    }
    expect([where, clauseLabels.filter((label) => !available.has(label))]).toEqual([where, []]);
  });

  it('alert on consumer lag, dead letters, the outbox backlog and the HTTP error rate', () => {
    const watched = (metric: string, matcher?: string) =>
      rules.some((rule) =>
        namesIn(rule.expr).selectors.some(
          (selector) => selector.metric === metric && (!matcher || selector.matchers.includes(matcher)),
        ),
      );
    expect(watched('redmet_consumer_lag')).toBe(true);
    expect(watched('redmet_events_dead_lettered_total')).toBe(true);
    expect(watched('redmet_outbox_backlog')).toBe(true);
    expect(watched('redmet_http_request_duration_seconds_count', 'status')).toBe(true);
    expect(rules.some((rule) => /status=~"5\.\."/.test(rule.expr))).toBe(true);
  });

  it('give every alert a unique name, a severity, a summary and a runbook section that exists', () => {
    const operations = readFileSync(path.join(ROOT, 'deploy/OPERATIONS.md'), 'utf8');
    const anchors = new Set(
      [...operations.matchAll(/^#+ (.+)$/gm)].map((match) =>
        match[1]
          .toLowerCase()
          .replace(/[^\w\s-]/g, '')
          .replace(/\s/g, '-'),
      ),
    );
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect([rule.alert, rule.labels?.severity]).toEqual([rule.alert, expect.stringMatching(/^(warning|critical)$/)]);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      const [file, anchor] = (rule.annotations?.runbook ?? '').split('#');
      expect([rule.alert, file, anchors.has(anchor)]).toEqual([rule.alert, 'deploy/OPERATIONS.md', true]);
      expect(operations).toContain(`\`${rule.alert}\``);
    }
  });

  it('lay out the dashboard with unique panel ids and a query in every graph', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels.filter((candidate) => candidate.type !== 'row')) {
      expect([panel.title, (panel.targets ?? []).length > 0]).toEqual([panel.title, true]);
    }
  });
});
