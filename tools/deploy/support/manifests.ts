// Reading the deployment files for the tests: YAML documents, the objects a Kustomize
// directory includes (without a kustomize binary: resources, components, patches), and
// the environment a Kubernetes container ends up with.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './environment-classes';

/** Object bodies vary by kind; the tests read only what they check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Loose;
  data?: Record<string, string>;
  [key: string]: unknown;
};

/** Every document of a YAML file, throwing on the first syntax error with its position. */
export function readYamlDocuments(file: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(path.join(ROOT, file), 'utf8'), { merge: true });
  return documents.map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    return document.toJS();
  });
}

export function filesUnder(directory: string, pattern: RegExp): string[] {
  return readdirSync(path.join(ROOT, directory)).flatMap((entry) => {
    const relative = path.join(directory, entry);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return filesUnder(relative, pattern);
    return pattern.test(entry) ? [relative] : [];
  });
}

interface Kustomization {
  resources?: string[];
  components?: string[];
  patches?: { path?: string; patch?: string; target?: { kind?: string; name?: string; group?: string } }[];
}

export function readKustomization(directory: string): Kustomization {
  const file = path.join(directory, 'kustomization.yaml');
  if (!existsSync(path.join(ROOT, file))) throw new Error(`${directory} has no kustomization.yaml`);
  return readYamlDocuments(file)[0] as Kustomization;
}

/** The objects of a Kustomize directory before its patches: its resources and components, recursively. */
export function kustomizeResources(directory: string): K8sObject[] {
  const kustomization = readKustomization(directory);
  const entries = [...(kustomization.resources ?? []), ...(kustomization.components ?? [])];
  return entries.flatMap((entry) => {
    const target = path.join(directory, entry);
    if (!existsSync(path.join(ROOT, target))) throw new Error(`${directory}/kustomization.yaml lists missing ${entry}`);
    if (statSync(path.join(ROOT, target)).isDirectory()) return kustomizeResources(target);
    return readYamlDocuments(target) as K8sObject[];
  });
}

export const BASE = 'deploy/kubernetes/base';
export const OVERLAYS = ['deploy/kubernetes/overlays/dev', 'deploy/kubernetes/overlays/prod'];

export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function named(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

export interface ContainerEnvironment {
  /** Literal values, from ConfigMaps and `value`. */
  values: Record<string, string>;
  /** Variables filled from Secrets, by name: `secret/key`. */
  fromSecrets: Record<string, string>;
}

/** The variables a container gets: envFrom ConfigMaps (in order) then its own `env`. */
export function containerEnvironment(objects: K8sObject[], container: Loose): ContainerEnvironment {
  const values: Record<string, string> = {};
  const fromSecrets: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const configMap = named(objects, 'ConfigMap', name);
    if (!configMap) throw new Error(`${container.name}: envFrom names ConfigMap ${name}, which no manifest defines`);
    Object.assign(values, configMap.data);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) values[variable.name] = String(variable.value);
    const secret = variable.valueFrom?.secretKeyRef;
    if (secret) fromSecrets[variable.name] = `${secret.name}/${secret.key}`;
  }
  return { values, fromSecrets };
}

/** Pod templates of Deployments and Jobs with the object they belong to. */
export function podTemplates(objects: K8sObject[]): { owner: K8sObject; spec: Loose }[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
    .map((owner) => ({ owner, spec: owner.spec.template.spec }));
}
