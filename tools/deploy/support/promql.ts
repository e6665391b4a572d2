// Just enough PromQL reading to list what an expression names: metrics with the labels
// they are matched on, and the labels of by/without/on/ignoring clauses.
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
]);

export interface Selector {
  metric: string;
  matchers: string[];
}

export interface ExpressionNames {
  selectors: Selector[];
  /** Labels of grouping and matching clauses. */
  clauseLabels: string[];
}

export function namesIn(expression: string): ExpressionNames {
  const selectors: Selector[] = [];
  const clauseLabels: string[] = [];
  let rest = expression
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries: [5m], [$__rate_interval]
    .replace(/([a-zA-Z_:][\w:]*)?\s*\{([^}]*)\}/g, (_, metric: string | undefined, body: string) => {
      const matchers = [...body.matchAll(/(\w+)\s*(?:=~|!~|!=|=)/g)].map((match) => match[1]);
      selectors.push({ metric: metric ?? '', matchers });
      return ' ';
    })
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g,
      (_, _keyword: string, labels: string) => {
        clauseLabels.push(
          ...labels
            .split(',')
            .map((label) => label.trim())
            .filter(Boolean),
        );
        return ' ';
      },
    )
    .replace(/\$\w+/g, ' ');
  rest = rest.replace(/\d+(\.\d+)?(e[+-]?\d+)?/gi, ' ');
  for (const match of rest.matchAll(/([a-zA-Z_:][\w:]*)(\s*\()?/g)) {
    if (match[2] || KEYWORDS.has(match[1])) continue;
    selectors.push({ metric: match[1], matchers: [] });
  }
  return { selectors, clauseLabels };
}
