import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ALL_TOPICS, type ServiceName } from '@redmet/contracts';
import { createTestDatabase, freePort, skipHistory, TestAuth, type TestDatabase, waitFor } from '@redmet/testing';

const ROOT = path.resolve(__dirname, '../../..');

export type { ServiceName };

const CONSUMERS: ServiceName[] = ['production-reporting', 'subsidy-processing', 'target-monitoring'];
const GATEWAY_UPSTREAMS: Partial<Record<ServiceName, string>> = {
  'deposit-registry': 'REGISTRY_URL',
  'production-reporting': 'REPORTING_URL',
  'subsidy-processing': 'SUBSIDY_URL',
  'target-monitoring': 'MONITORING_URL',
};

export interface RunningService {
  name: ServiceName;
  /** `name` for the first instance, `name#2` and so on for those added by `addInstance`. */
  instance: string;
  url: string;
  port: number;
  process: ChildProcess;
  environment: Record<string, string>;
}

/** A process killed by a signal has no exit code, only a signal code. */
function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function entry(name: ServiceName): string {
  return path.join(ROOT, 'dist/apps', name, 'apps', name, 'src/main.js');
}

/**
 * The whole platform as separate processes, built from `dist/` (run `npm run
 * build` first), each service on a free port with a fresh database and its
 * own consumer group, all trusting one test signing key. For system, browser
 * and fault-injection tests: processes can be killed and restarted.
 */
export class Platform {
  readonly auth = new TestAuth();
  readonly services = new Map<ServiceName, RunningService>();
  /** Further instances of started services, by instance name (`target-monitoring#2`). */
  readonly instances = new Map<string, RunningService>();
  private readonly databases: TestDatabase[] = [];
  private readonly run = randomBytes(3).toString('hex');
  private readonly logDir = path.join(ROOT, '.cache/system-tests', this.run);

  constructor(
    private readonly names: ServiceName[],
    /**
     * Extra settings per service, e.g. to switch the relay off. A `DATABASE_URL`
     * given here is used instead of a fresh database on the main cluster.
     */
    private readonly overrides: Partial<Record<ServiceName, Record<string, string>>> = {},
  ) {}

  get gatewayUrl(): string {
    return this.url('gateway');
  }

  url(name: ServiceName): string {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not part of this platform`);
    return service.url;
  }

  /** A JSON request to the gateway as `bearer`, answered with its status and parsed body. */
  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    bearer: string,
    body?: object,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.gatewayUrl}${path}`, {
      method,
      headers: { authorization: bearer, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async start(): Promise<this> {
    mkdirSync(this.logDir, { recursive: true });
    for (const name of this.names.filter((service) => service !== 'gateway')) await this.prepare(name);
    if (this.names.includes('gateway')) await this.prepare('gateway');
    for (const service of this.services.values()) this.launch(service);
    try {
      await Promise.all([...this.services.values()].map((service) => this.waitUntilReady(service)));
    } catch (error) {
      // The caller never gets a platform to stop: leave no service running behind it.
      await this.stop();
      throw error;
    }
    return this;
  }

  /** SIGKILL, as a crash would; `restart` brings it back with the same settings and database. */
  async kill(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const service = this.services.get(name);
    if (!service || !isRunning(service.process)) return;
    const exited = new Promise((resolve) => service.process.once('exit', resolve));
    service.process.kill(signal);
    await exited;
  }

  async restart(name: ServiceName): Promise<void> {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not part of this platform`);
    await this.kill(name);
    this.launch(service);
    await this.waitUntilReady(service);
  }

  /**
   * One more instance of a started service with the same settings, database and
   * consumer group on a port of its own, as a horizontally scaled deployment has.
   */
  async addInstance(name: ServiceName): Promise<RunningService> {
    const first = this.services.get(name);
    if (!first) throw new Error(`${name} is not part of this platform`);
    const port = await freePort();
    const service: RunningService = {
      ...first,
      instance: `${name}#${this.instances.size + 2}`,
      port,
      url: `http://127.0.0.1:${port}`,
      environment: { ...first.environment, PORT: String(port) },
    };
    this.instances.set(service.instance, service);
    this.launch(service);
    await this.waitUntilReady(service);
    return service;
  }

  /** Like `kill`, for an instance added by `addInstance`. */
  async killInstance(instance: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const service = this.instances.get(instance);
    if (!service || !isRunning(service.process)) return;
    const exited = new Promise((resolve) => service.process.once('exit', resolve));
    service.process.kill(signal);
    await exited;
  }

  /** Services and added instances whose process is not running: crashed, or killed and not restarted. */
  notRunning(): string[] {
    return [...this.services.values(), ...this.instances.values()]
      .filter((service) => !isRunning(service.process))
      .map((service) => service.instance);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.instances.keys()].map((instance) => this.killInstance(instance, 'SIGTERM')));
    await Promise.all([...this.services.keys()].map((name) => this.kill(name, 'SIGTERM')));
    await Promise.all(this.databases.map((database) => database.drop()));
  }

  private async prepare(name: ServiceName): Promise<void> {
    const port = await freePort();
    const environment: Record<string, string> = {
      NODE_ENV: 'test',
      PORT: String(port),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      AUTH_JWKS: this.auth.jwksFile,
      AUTH_SIGNING_KEY_FILE: this.auth.signingKeyFile,
      OUTBOX_POLL_INTERVAL_MS: '200',
    };
    if (!this.overrides[name]?.DATABASE_URL) {
      const database = await createTestDatabase(`system_${name.split('-')[0]}`);
      this.databases.push(database);
      environment.DATABASE_URL = database.url;
    }
    if (CONSUMERS.includes(name)) {
      const group = `${name}-system-${this.run}`;
      environment.KAFKA_CONSUMER_GROUP = group;
      await skipHistory(
        group,
        ALL_TOPICS.map((topic) => topic.name),
      );
    }
    if (name === 'gateway') {
      for (const [upstream, variable] of Object.entries(GATEWAY_UPSTREAMS)) {
        const running = this.services.get(upstream as ServiceName);
        if (running && variable) environment[variable] = running.url;
      }
      environment.CONSOLE_ORIGIN = `http://127.0.0.1:${port}`;
    }
    Object.assign(environment, this.overrides[name]);
    this.services.set(name, {
      name,
      instance: name,
      port,
      url: `http://127.0.0.1:${port}`,
      environment,
      process: undefined as unknown as ChildProcess,
    });
  }

  private launch(service: RunningService): void {
    const log = createWriteStream(path.join(this.logDir, `${service.instance.replace('#', '-')}.log`), { flags: 'a' });
    service.process = spawn(process.execPath, [entry(service.name)], {
      cwd: ROOT,
      // The young generation the image gives the services (deploy/docker/Dockerfile).
      env: { NODE_OPTIONS: '--max-semi-space-size=32', ...process.env, ...service.environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Two sources into one file: neither may end it while the other still writes ("write after end").
    service.process.stdout?.pipe(log, { end: false });
    service.process.stderr?.pipe(log, { end: false });
    service.process.once('close', () => log.end());
  }

  private async waitUntilReady(service: RunningService): Promise<void> {
    await waitFor(
      async () => {
        if (!isRunning(service.process)) {
          throw new Error(
            `${service.instance} exited with ${service.process.exitCode}; see ${this.logDir}/${service.instance.replace('#', '-')}.log`,
          );
        }
        const response = await fetch(`${service.url}/health/ready`).catch(() => null);
        return response?.ok ?? false;
      },
      {
        timeoutMs: 90_000,
        intervalMs: 250,
        description: `${service.instance} to be ready (log: ${this.logDir}/${service.instance.replace('#', '-')}.log)`,
      },
    );
  }
}
