// Reads the services' environment classes as source (TypeScript compiler API), so the
// deployment files can be checked against, and documented from, what each service
// actually validates at start: names, defaults and doc comments.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../../..');

const BASE_CLASS_FILES = [
  'libs/platform/src/config/platform.environment.ts',
  'libs/messaging/src/messaging.environment.ts',
  'libs/messaging/src/consumer.environment.ts',
];

export interface Setting {
  name: string;
  /** The default as an environment string (`180,90`, `{}`), or undefined when the class has none. */
  default?: string;
  /** The property's doc comment, if any. */
  doc?: string;
  /** The class that declares it: PlatformEnvironment, MessagingEnvironment, ConsumerEnvironment or the service's own. */
  declaredIn: string;
}

export interface ServiceEnvironment {
  app: string;
  file: string;
  className: string;
  /** Every setting the service validates, inherited ones first. */
  settings: Setting[];
  /** The `*_DEFAULTS` the service passes to PlatformModule (its port and database). */
  serviceDefaults: Record<string, string>;
}

interface ClassInfo {
  name: string;
  parent?: string;
  settings: Setting[];
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function constants(source: ts.SourceFile): Map<string, ts.Expression> {
  const found = new Map<string, ts.Expression>();
  source.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const declaration of node.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        found.set(declaration.name.text, declaration.initializer);
      }
    }
  });
  return found;
}

/** Evaluates the literal forms defaults take; anything else is left undefined rather than guessed. */
function evaluate(node: ts.Expression, names: Map<string, ts.Expression>): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ''));
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return evaluate(node.expression, names);
  if (ts.isIdentifier(node) && names.has(node.text)) return evaluate(names.get(node.text)!, names);
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((element) => evaluate(element, names));
  if (ts.isObjectLiteralExpression(node)) {
    const entries = node.properties.map((property) =>
      ts.isPropertyAssignment(property) ? [property.name.getText(), evaluate(property.initializer, names)] : [],
    );
    return Object.fromEntries(entries);
  }
  if (ts.isBinaryExpression(node)) {
    const left = evaluate(node.left, names);
    const right = evaluate(node.right, names);
    if (typeof left !== 'number' || typeof right !== 'number') return undefined;
    if (node.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return left * right;
    if (node.operatorToken.kind === ts.SyntaxKind.PlusToken) return left + right;
  }
  return undefined;
}

/** How the value is written in an environment file: lists comma-separated, objects as JSON. */
export function asEnvironmentString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.some((item) => item === undefined) ? undefined : value.join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function docOf(node: ts.Node): string | undefined {
  const comments = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .filter(Boolean);
  return comments.length > 0 ? comments.join(' ').replace(/\s+/g, ' ').trim() : undefined;
}

function classesIn(file: string): ClassInfo[] {
  const source = parse(file);
  const names = constants(source);
  const classes: ClassInfo[] = [];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
    const settings = node.members.filter(ts.isPropertyDeclaration).map((property) => ({
      name: property.name.getText(source),
      default: property.initializer ? asEnvironmentString(evaluate(property.initializer, names)) : undefined,
      doc: docOf(property),
      declaredIn: node.name!.text,
    }));
    classes.push({ name: node.name.text, parent: heritage?.types[0].expression.getText(source), settings });
  });
  return classes;
}

export function environmentFile(app: string): string {
  const files = readdirSync(path.join(ROOT, 'apps', app, 'src')).filter((file) => file.endsWith('.environment.ts'));
  if (files.length !== 1) throw new Error(`apps/${app}/src should hold one *.environment.ts, found ${files.length}`);
  return `apps/${app}/src/${files[0]}`;
}

/** The service's environment class with every inherited setting, and the defaults it starts with. */
export function readServiceEnvironment(app: string): ServiceEnvironment {
  const file = environmentFile(app);
  const known = new Map([...BASE_CLASS_FILES, file].flatMap(classesIn).map((info) => [info.name, info]));
  const own = classesIn(file).find((info) => info.parent && known.has(info.parent));
  if (!own)
    throw new Error(
      `${file} declares no class extending PlatformEnvironment, MessagingEnvironment or ConsumerEnvironment`,
    );
  const chain: ClassInfo[] = [];
  for (
    let current: ClassInfo | undefined = own;
    current;
    current = current.parent ? known.get(current.parent) : undefined
  ) {
    chain.unshift(current);
  }
  const source = parse(file);
  const names = constants(source);
  const defaultsName = [...names.keys()].find((name) => name.endsWith('_DEFAULTS'));
  const defaults = defaultsName ? (evaluate(names.get(defaultsName)!, names) as Record<string, unknown>) : {};
  return {
    app,
    file,
    className: own.name,
    settings: chain.flatMap((info) => info.settings),
    serviceDefaults: Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, String(value)])),
  };
}

/** The default a running service ends up with: its own `*_DEFAULTS` first, then the class's. */
export function effectiveDefault(environment: ServiceEnvironment, name: string): string | undefined {
  return environment.serviceDefaults[name] ?? environment.settings.find((setting) => setting.name === name)?.default;
}
