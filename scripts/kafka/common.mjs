// What scripts/infra.mjs (one broker) and scripts/kafka-cluster.mjs (several)
// share: the Kafka jars from Maven, running the JVM, starting and probing a broker.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPLOY_DIR = path.join(ROOT, 'deploy/local/kafka');
const POM = path.join(DEPLOY_DIR, 'pom.xml');
const LOG4J_CONFIG = path.join(DEPLOY_DIR, 'log4j2.properties');
const JARS_DIR = path.join(ROOT, '.cache/kafka');
const PROBE_GROUP = 'redmet-infra-probe';

export class InfraError extends Error {}

export const log = (message) => console.log(`[infra] ${message}`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM, then SIGKILL if the process is still running after `timeoutMs`:
 * a broker's controlled shutdown can wait forever (a cluster node whose
 * controller quorum has already stopped).
 */
export async function stopProcess(pid, { isRunning, timeoutMs, name }) {
  process.kill(pid, 'SIGTERM');
  const started = Date.now();
  while (isRunning() && Date.now() - started < timeoutMs) await sleep(100);
  if (isRunning()) {
    log(`${name} (pid ${pid}) ignored SIGTERM for ${timeoutMs / 1000} s: killing it`);
    process.kill(pid, 'SIGKILL');
    while (isRunning()) await sleep(100);
  }
}
export const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
export const relative = (file) => path.relative(ROOT, file);

// The POM is the single place where the Kafka version is set.
export function kafkaVersion() {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(fs.readFileSync(POM, 'utf8'));
  if (!match) throw new InfraError(`${relative(POM)} has no <kafka.version> property`);
  return match[1].trim();
}

export function requireTool(command, hint) {
  const result = spawnSync(command, ['-version'], { stdio: 'ignore' });
  if (result.error?.code === 'ENOENT') throw new InfraError(`${command} not found: ${hint}`);
}

export function resolveKafka(version) {
  const versionDir = path.join(JARS_DIR, version);
  const libs = path.join(versionDir, 'libs');
  const marker = path.join(versionDir, 'resolved.sha256');
  // Keyed by the POM's content so that adding or bumping a jar resolves again.
  const pomHash = createHash('sha256').update(fs.readFileSync(POM)).digest('hex');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === pomHash) return libs;

  log(`Resolving Apache Kafka ${version} with Maven into ${relative(libs)} ...`);
  const started = Date.now();
  // Jars left by an older POM would end up on the classpath next to the new ones.
  fs.rmSync(libs, { recursive: true, force: true });
  const maven = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '-Dstyle.color=never',
      '-f',
      POM,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (maven.status !== 0) {
    throw new InfraError(`Maven could not resolve Kafka ${version}:\n${maven.stdout}${maven.stderr}`);
  }
  fs.writeFileSync(marker, pomHash);
  log(`Resolved in ${seconds(started)}`);
  return libs;
}

export function javaArgs(libs, mainAndArgs) {
  return ['-Xmx512m', '-cp', path.join(libs, '*'), `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`, ...mainAndArgs];
}

export function runJava(libs, mainAndArgs) {
  const result = spawnSync('java', javaArgs(libs, mainAndArgs), { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new InfraError(`java ${mainAndArgs.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** A server.properties from a template under deploy/local/kafka: `@KEY@` is replaced by `values[KEY]`. */
export function renderProperties(template, values) {
  return fs
    .readFileSync(template, 'utf8')
    .replace(/@([A-Z_]+)@/g, (placeholder, key) => String(values[key] ?? placeholder));
}

export function newClusterId(libs) {
  const output = runJava(libs, ['kafka.tools.StorageTool', 'random-uuid']);
  const clusterId = /^[A-Za-z0-9_-]{22}$/m.exec(output)?.[0];
  if (!clusterId) throw new InfraError(`StorageTool random-uuid printed no cluster id:\n${output}`);
  return clusterId;
}

// Checking the command line, not just the pid, guards against a pid reused by
// another process after a reboot or a crash.
export function runsKafka(pid, properties) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(properties);
  } catch {
    return false;
  }
}

/** Starts a broker on `properties` and writes its pid to `pidFile`; returns the pid. */
export function spawnKafka(libs, properties, { logFile, logFlags, pidFile, cwd }) {
  const out = fs.openSync(logFile, logFlags);
  // Detached in its own session so that it outlives the script and the terminal.
  const child = spawn('java', javaArgs(libs, ['kafka.Kafka', properties]), {
    cwd,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(pidFile, String(child.pid));
  return child.pid;
}

export function portInUse(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const settle = (inUse) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => settle(true));
    socket.once('timeout', () => settle(true)); // something holds the port but stays silent
    socket.once('error', () => settle(false));
  });
}

function probeClient(address) {
  return new kafkajs.Kafka({
    clientId: 'redmet-infra',
    brokers: [address],
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 }, // the callers poll: fail fast, try again
  });
}

/** Runs action on a connected kafkajs client (admin or producer); null when it throws. */
async function probe(client, action) {
  try {
    await client.connect();
    return await action(client);
  } catch {
    return null;
  } finally {
    await client.disconnect().catch(() => {});
  }
}

/** The cluster description, or null when no Kafka broker answers on address. */
export const describeKafka = (address) => probe(probeClient(address).admin(), (admin) => admin.describeCluster());

// Two things lag behind a fresh broker's first answer: the group coordinator
// (describing a group makes the broker create __consumer_offsets and load it),
// and the first producer id block, which the broker asks the controller for on
// the first InitProducerId. Until then consumers cannot join, and idempotent
// producers get COORDINATOR_LOAD_IN_PROGRESS, which kafkajs logs as an ERROR.
export async function kafkaReady(address) {
  const client = probeClient(address);
  const groupReady = await probe(client.admin(), async (admin) => {
    await admin.describeCluster(); // fills kafkajs's broker pool, which describeGroups needs
    return admin.describeGroups([PROBE_GROUP]);
  });
  if (!groupReady) return false;
  // kafkajs asks for a producer id when an idempotent producer connects; it
  // refuses to create one that may not retry.
  const producer = client.producer({
    idempotent: true,
    retry: { retries: 1 },
    createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
  });
  return Boolean(await probe(producer, () => true));
}
