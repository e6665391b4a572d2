// The Grafana dashboard of the platform's metrics, built from a list of panels so that
// every query has the same filters and units. Written to deploy/observability/grafana/.

interface Panel {
  title: string;
  unit: string;
  /** One query per series group; `$filter` becomes the dashboard's service and namespace filter. */
  queries: { expr: string; legend: string }[];
  description?: string;
}

const FILTER = 'namespace=~"$namespace", service=~"$service"';

const ROWS: { title: string; panels: Panel[] }[] = [
  {
    title: 'HTTP',
    panels: [
      {
        title: 'Requests per second',
        unit: 'reqps',
        queries: [
          {
            expr: 'sum by (service) (rate(redmet_http_request_duration_seconds_count{$filter}[$__rate_interval]))',
            legend: '{{service}}',
          },
        ],
      },
      {
        title: 'Server errors (5xx share)',
        unit: 'percentunit',
        queries: [
          {
            expr:
              'sum by (service) (rate(redmet_http_request_duration_seconds_count{$filter, status=~"5.."}[$__rate_interval]))' +
              ' / sum by (service) (rate(redmet_http_request_duration_seconds_count{$filter}[$__rate_interval]))',
            legend: '{{service}}',
          },
        ],
      },
      {
        title: 'Latency p95',
        unit: 's',
        queries: [
          {
            expr: 'histogram_quantile(0.95, sum by (service, le) (rate(redmet_http_request_duration_seconds_bucket{$filter}[$__rate_interval])))',
            legend: '{{service}}',
          },
        ],
      },
      {
        title: 'Client errors by route (4xx)',
        unit: 'reqps',
        queries: [
          {
            expr: 'topk(10, sum by (service, method, route, status) (rate(redmet_http_request_duration_seconds_count{$filter, status=~"4.."}[$__rate_interval])))',
            legend: '{{service}} {{method}} {{route}} {{status}}',
          },
        ],
      },
    ],
  },
  {
    title: 'Events',
    panels: [
      {
        title: 'Published per second',
        unit: 'ops',
        queries: [
          {
            expr: 'sum by (topic) (rate(redmet_events_published_total{$filter}[$__rate_interval]))',
            legend: '{{topic}}',
          },
        ],
      },
      {
        title: 'Outbox backlog',
        unit: 'short',
        description: 'Committed events not yet published, per service (every instance reports the same table).',
        queries: [{ expr: 'max by (service) (redmet_outbox_backlog{$filter})', legend: '{{service}}' }],
      },
      {
        title: 'Commit to publish p99',
        unit: 's',
        queries: [
          {
            expr: 'histogram_quantile(0.99, sum by (service, le) (rate(redmet_outbox_publish_latency_seconds_bucket{$filter}[$__rate_interval])))',
            legend: '{{service}}',
          },
        ],
      },
      {
        title: 'Consumed per second',
        unit: 'ops',
        queries: [
          {
            expr: 'sum by (service, outcome) (rate(redmet_events_consumed_total{$filter}[$__rate_interval]))',
            legend: '{{service}} {{outcome}}',
          },
        ],
      },
      {
        title: 'Consumer lag',
        unit: 'short',
        queries: [
          {
            expr: 'sum by (service, topic) (max by (service, topic, partition) (redmet_consumer_lag{$filter}))',
            legend: '{{service}} {{topic}}',
          },
        ],
      },
      {
        title: 'Event handling p95',
        unit: 's',
        queries: [
          {
            expr: 'histogram_quantile(0.95, sum by (service, topic, le) (rate(redmet_event_handling_seconds_bucket{$filter}[$__rate_interval])))',
            legend: '{{service}} {{topic}}',
          },
        ],
      },
      {
        title: 'Dead-lettered (per hour)',
        unit: 'short',
        description: 'Events parked on <topic>.dlq; they have no effect until replayed (deploy/OPERATIONS.md).',
        queries: [
          {
            expr: 'sum by (service, topic, reason) (increase(redmet_events_dead_lettered_total{$filter}[1h]))',
            legend: '{{service}} {{topic}} {{reason}}',
          },
        ],
      },
    ],
  },
  {
    title: 'Runtime',
    panels: [
      {
        title: 'CPU',
        unit: 'percentunit',
        queries: [
          {
            expr: 'sum by (service, pod) (rate(process_cpu_seconds_total{$filter}[$__rate_interval]))',
            legend: '{{service}} {{pod}}',
          },
        ],
      },
      {
        title: 'Resident memory',
        unit: 'bytes',
        queries: [
          { expr: 'max by (service, pod) (process_resident_memory_bytes{$filter})', legend: '{{service}} {{pod}}' },
        ],
      },
      {
        title: 'Event loop lag p99',
        unit: 's',
        queries: [
          { expr: 'max by (service, pod) (nodejs_eventloop_lag_p99_seconds{$filter})', legend: '{{service}} {{pod}}' },
        ],
      },
      {
        title: 'Heap used',
        unit: 'bytes',
        queries: [
          { expr: 'sum by (service, pod) (nodejs_heap_size_used_bytes{$filter})', legend: '{{service}} {{pod}}' },
        ],
      },
    ],
  },
];

const WIDTH = 8;
const HEIGHT = 8;

function variable(name: string, label: string, query: string) {
  return {
    name,
    label,
    type: 'query',
    datasource: { type: 'prometheus', uid: '${datasource}' },
    query: { query, refId: name },
    definition: query,
    includeAll: true,
    multi: true,
    allValue: '.*',
    current: { text: 'All', value: '$__all' },
    refresh: 2,
    sort: 1,
  };
}

export function grafanaDashboard(): Record<string, unknown> {
  const panels: Record<string, unknown>[] = [];
  let y = 0;
  let id = 1;
  for (const row of ROWS) {
    panels.push({ id: id++, type: 'row', title: row.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y } });
    y += 1;
    row.panels.forEach((panel, index) => {
      const x = (index % 3) * WIDTH;
      if (index > 0 && x === 0) y += HEIGHT;
      panels.push({
        id: id++,
        type: 'timeseries',
        title: panel.title,
        ...(panel.description ? { description: panel.description } : {}),
        datasource: { type: 'prometheus', uid: '${datasource}' },
        gridPos: { h: HEIGHT, w: WIDTH, x, y },
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
        options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
        targets: panel.queries.map((query, refIndex) => ({
          refId: String.fromCharCode(65 + refIndex),
          expr: query.expr.replaceAll('$filter', FILTER),
          legendFormat: query.legend,
        })),
      });
    });
    y += HEIGHT;
  }
  return {
    uid: 'redmet-platform',
    title: 'Redmet platform',
    description: 'HTTP, events (outbox, consumers, dead letters) and runtime of every Redmet service.',
    tags: ['redmet'],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {} },
        variable('namespace', 'Namespace', 'label_values(redmet_http_request_duration_seconds_count, namespace)'),
        variable(
          'service',
          'Service',
          'label_values(redmet_http_request_duration_seconds_count{namespace=~"$namespace"}, service)',
        ),
      ],
    },
    panels,
  };
}
