// The metrics the services export: every prom-client metric declared in libs/ and apps/
// (found with the TypeScript compiler API, names resolved through their constants), the
// PlatformModule's default labels, and prom-client's default Node.js metrics.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import ts from 'typescript';
import { ROOT } from './environment-classes';
import { filesUnder } from './manifests';

export interface ExportedMetric {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  labels: string[];
  declaredIn: string;
}

const DECLARATIONS: Record<string, ExportedMetric['type']> = {
  makeCounterProvider: 'counter',
  makeGaugeProvider: 'gauge',
  makeHistogramProvider: 'histogram',
  makeSummaryProvider: 'summary',
  Counter: 'counter',
  Gauge: 'gauge',
  Histogram: 'histogram',
  Summary: 'summary',
};

function sources(): { file: string; source: ts.SourceFile }[] {
  return ['libs', 'apps']
    .flatMap((directory) => filesUnder(directory, /(?<!\.spec)\.ts$/))
    .filter((file) => file.includes('/src/') && !file.startsWith('apps/console/'))
    .map((file) => ({
      file,
      source: ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true),
    }));
}

function visit(node: ts.Node, action: (node: ts.Node) => void): void {
  action(node);
  node.forEachChild((child) => visit(child, action));
}

/** `const X = '...'` and `const X = { key: '...' }`, by `X` and `X.key`, across all sources. */
function stringConstants(files: { source: ts.SourceFile }[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (const { source } of files) {
    visit(source, (node) => {
      if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
      let initializer: ts.Expression = node.initializer;
      while (ts.isAsExpression(initializer)) initializer = initializer.expression;
      if (ts.isStringLiteral(initializer)) constants.set(node.name.text, initializer.text);
      if (!ts.isObjectLiteralExpression(initializer)) return;
      for (const property of initializer.properties) {
        if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer)) {
          constants.set(`${node.name.text}.${property.name.getText(source)}`, property.initializer.text);
        }
      }
    });
  }
  return constants;
}

function option(call: ts.CallExpression | ts.NewExpression, key: string): ts.Expression | undefined {
  const [argument] = call.arguments ?? [];
  if (!argument || !ts.isObjectLiteralExpression(argument)) return undefined;
  const property = argument.properties.find(
    (candidate): candidate is ts.PropertyAssignment =>
      ts.isPropertyAssignment(candidate) && candidate.name.getText() === key,
  );
  return property?.initializer;
}

/** Every metric declared in libs/*\/src and apps/*\/src, with its type and labels. */
export function declaredMetrics(): ExportedMetric[] {
  const files = sources();
  const constants = stringConstants(files);
  const metrics: ExportedMetric[] = [];
  for (const { file, source } of files) {
    visit(source, (node) => {
      if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
      const callee = node.expression.getText(source);
      const type = DECLARATIONS[callee];
      const nameNode = type && option(node, 'name');
      if (!nameNode) return;
      const name = ts.isStringLiteral(nameNode) ? nameNode.text : constants.get(nameNode.getText(source));
      if (!name) throw new Error(`${file}: cannot resolve the metric name ${nameNode.getText(source)}`);
      const labelNode = option(node, 'labelNames');
      const labels =
        labelNode && ts.isArrayLiteralExpression(labelNode)
          ? labelNode.elements.filter(ts.isStringLiteral).map((element) => element.text)
          : [];
      metrics.push({ name, type, labels, declaredIn: file });
    });
  }
  return metrics;
}

/** Labels PlatformModule puts on every metric (`defaultLabels`). */
export function defaultLabels(): string[] {
  const module = readFileSync(path.join(ROOT, 'libs/platform/src/platform.module.ts'), 'utf8');
  const block = /defaultLabels:\s*\{([^}]*)\}/.exec(module);
  if (!block) throw new Error('libs/platform/src/platform.module.ts no longer sets defaultLabels');
  return [...block[1].matchAll(/(\w+)\s*:/g)].map((match) => match[1]);
}

/** prom-client's default process and Node.js metrics, which PlatformModule turns on. */
export async function defaultProcessMetrics(): Promise<ExportedMetric[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = await registry.getMetricsAsJSON();
  return metrics.map((metric) => ({
    name: metric.name,
    type: String(metric.type) as ExportedMetric['type'],
    labels: [...new Set(metric.values.flatMap((value) => Object.keys(value.labels)))],
    declaredIn: 'prom-client collectDefaultMetrics',
  }));
}

/** The series names Prometheus sees for a metric, with the labels each carries. */
export function series(metric: ExportedMetric, extraLabels: string[]): Map<string, string[]> {
  const labels = [...metric.labels, ...extraLabels];
  if (metric.type === 'histogram') {
    return new Map([
      [`${metric.name}_bucket`, [...labels, 'le']],
      [`${metric.name}_sum`, labels],
      [`${metric.name}_count`, labels],
    ]);
  }
  if (metric.type === 'summary') {
    return new Map([
      [metric.name, [...labels, 'quantile']],
      [`${metric.name}_sum`, labels],
      [`${metric.name}_count`, labels],
    ]);
  }
  return new Map([[metric.name, labels]]);
}
