// What a container's environment must and may hold, from the service's environment class.
import { effectiveDefault, readServiceEnvironment, type ServiceEnvironment } from './environment-classes';

/** A default that only works on a developer's machine (a local address, a file under .cache/). */
const DEVELOPMENT_ONLY = /127\.0\.0\.1|localhost|(^|,)\.cache\//;

const cache = new Map<string, ServiceEnvironment>();

export function environmentOf(app: string): ServiceEnvironment {
  if (!cache.has(app)) cache.set(app, readServiceEnvironment(app));
  return cache.get(app)!;
}

/** Settings a container must set because their defaults point at the developer's machine. */
export function requiredInContainers(app: string): string[] {
  const environment = environmentOf(app);
  return environment.settings
    .map((setting) => setting.name)
    .filter((name) => DEVELOPMENT_ONLY.test(effectiveDefault(environment, name) ?? ''));
}

/** Names the service does not declare: it would ignore them, so they are mistakes. */
export function undeclared(app: string, names: Iterable<string>): string[] {
  const declared = new Set(environmentOf(app).settings.map((setting) => setting.name));
  return [...names].filter((name) => !declared.has(name));
}
