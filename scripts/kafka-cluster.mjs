#!/usr/bin/env node
// A local multi-broker Kafka cluster (KRaft, every node broker and controller)
// on loopback, for the reliability tests and for trying scale-out by hand.
//
//   node scripts/kafka-cluster.mjs up [--brokers 3]   start the missing nodes, wait for the cluster
//   node scripts/kafka-cluster.mjs down [--wipe]      stop every node (--wipe: delete their data)
//   node scripts/kafka-cluster.mjs status             exit 0 when every node answers
//   node scripts/kafka-cluster.mjs kill <node>        SIGKILL one node, as a crash would
//   node scripts/kafka-cluster.mjs start <node>       start one node again
//
// Node n listens on 127.0.0.1:<base + 2(n-1)> (KAFKA_CLUSTER_BASE_PORT, 19092),
// its controller on the port after. It is apart from the single broker on 9092.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeKafka,
  InfraError,
  kafkaReady,
  kafkaVersion,
  log,
  newClusterId,
  portInUse,
  relative,
  renderProperties,
  requireTool,
  resolveKafka,
  ROOT,
  runJava,
  runsKafka,
  seconds,
  sleep,
  spawnKafka,
  stopProcess,
} from './kafka/common.mjs';

const TEMPLATE = path.join(ROOT, 'deploy/local/kafka/cluster-node.properties');
const CLUSTER_DIR = path.join(ROOT, '.cache/kafka-cluster');
const CLUSTER_ID_FILE = path.join(CLUSTER_DIR, 'cluster.id');
const SIZE_FILE = path.join(CLUSTER_DIR, 'brokers');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 120_000;
/** The last node standing of a cluster being stopped has no controller quorum to finish its shutdown. */
const STOP_TIMEOUT_MS = 15_000;

function basePort() {
  const port = Number(process.env.KAFKA_CLUSTER_BASE_PORT ?? 19092);
  if (!Number.isInteger(port) || port < 1024 || port > 65000)
    throw new InfraError('KAFKA_CLUSTER_BASE_PORT must be a port');
  return port;
}

function layout(size) {
  const base = basePort();
  return Array.from({ length: size }, (_, index) => {
    const id = index + 1;
    const dir = path.join(CLUSTER_DIR, `node-${id}`);
    return {
      id,
      brokerPort: base + 2 * index,
      controllerPort: base + 2 * index + 1,
      address: `${HOST}:${base + 2 * index}`,
      dir,
      dataDir: path.join(dir, 'data'),
      properties: path.join(dir, 'server.properties'),
      pidFile: path.join(dir, 'kafka.pid'),
      logFile: path.join(dir, 'kafka.log'),
    };
  });
}

/** The bootstrap list services and tests use for this cluster. */
export function clusterBrokers(size) {
  return layout(size)
    .map((node) => node.address)
    .join(',');
}

function render(node, nodes) {
  const replication = Math.min(3, nodes.length);
  return renderProperties(TEMPLATE, {
    NODE_ID: node.id,
    VOTERS: nodes.map((other) => `${other.id}@${HOST}:${other.controllerPort}`).join(','),
    HOST,
    BROKER_PORT: node.brokerPort,
    CONTROLLER_PORT: node.controllerPort,
    DATA_DIR: node.dataDir,
    REPLICATION: replication,
    MIN_ISR: Math.max(1, replication - 1),
  });
}

function pidOf(node) {
  if (!fs.existsSync(node.pidFile)) return null;
  const pid = Number(fs.readFileSync(node.pidFile, 'utf8'));
  if (runsKafka(pid, node.properties)) return pid;
  fs.rmSync(node.pidFile, { force: true });
  return null;
}

/** All nodes share one cluster id, chosen once; each formats its own storage once. */
function formatOnce(libs, node) {
  if (fs.existsSync(path.join(node.dataDir, 'meta.properties'))) return;
  if (!fs.existsSync(CLUSTER_ID_FILE)) fs.writeFileSync(CLUSTER_ID_FILE, newClusterId(libs));
  const clusterId = fs.readFileSync(CLUSTER_ID_FILE, 'utf8').trim();
  runJava(libs, ['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', node.properties]);
}

async function startNode(libs, node, nodes) {
  if (pidOf(node)) return;
  for (const port of [node.brokerPort, node.controllerPort]) {
    if (await portInUse(HOST, port)) throw new InfraError(`Port ${port} is taken: node ${node.id} cannot start`);
  }
  fs.mkdirSync(node.dataDir, { recursive: true });
  fs.writeFileSync(node.properties, render(node, nodes));
  formatOnce(libs, node);
  const pid = spawnKafka(libs, node.properties, { logFile: node.logFile, logFlags: 'a', pidFile: node.pidFile });
  log(`Started node ${node.id} (pid ${pid}) on ${node.address}`);
}

async function waitForCluster(nodes) {
  const started = Date.now();
  while (Date.now() - started < START_TIMEOUT_MS) {
    const running = nodes.filter((node) => pidOf(node));
    const cluster = await describeKafka(nodes[0].address);
    if (cluster?.brokers.length === running.length && (await kafkaReady(nodes[0].address))) return;
    await sleep(500);
  }
  throw new InfraError(
    `The cluster did not come up within ${START_TIMEOUT_MS / 1000} s; see ${relative(CLUSTER_DIR)}/node-*/kafka.log`,
  );
}

function size(options) {
  const brokers = Number(options.brokers ?? (fs.existsSync(SIZE_FILE) ? fs.readFileSync(SIZE_FILE, 'utf8') : 3));
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > 9) throw new InfraError('--brokers must be 1 to 9');
  return brokers;
}

async function up(options) {
  const nodes = layout(size(options));
  if (!nodes.some((node) => pidOf(node)) && (await describeKafka(nodes[0].address))?.brokers.length === nodes.length) {
    log(
      `A ${nodes.length}-broker cluster this checkout did not start answers on ${clusterBrokers(nodes.length)}: using it`,
    );
    return 0;
  }
  requireTool('java', 'Kafka 4 needs Java 17 or newer');
  const libs = resolveKafka(kafkaVersion());
  fs.mkdirSync(CLUSTER_DIR, { recursive: true });
  fs.writeFileSync(SIZE_FILE, String(nodes.length));
  const started = Date.now();
  for (const node of nodes) await startNode(libs, node, nodes);
  await waitForCluster(nodes);
  log(`${nodes.length}-broker cluster ready in ${seconds(started)}: KAFKA_BROKERS=${clusterBrokers(nodes.length)}`);
  return 0;
}

async function stopNode(node, signal) {
  const pid = pidOf(node);
  if (!pid) return;
  if (signal === 'SIGTERM') {
    await stopProcess(pid, {
      isRunning: () => Boolean(pidOf(node)),
      timeoutMs: STOP_TIMEOUT_MS,
      name: `node ${node.id}`,
    });
  } else {
    process.kill(pid, signal);
    while (pidOf(node)) await sleep(100);
  }
  log(`Stopped node ${node.id} (${signal})`);
}

async function down(options) {
  const nodes = layout(size(options));
  await Promise.all(nodes.map((node) => stopNode(node, 'SIGTERM')));
  if (options.wipe) fs.rmSync(CLUSTER_DIR, { recursive: true, force: true });
  return 0;
}

async function status(options) {
  const nodes = layout(size(options));
  let up = 0;
  for (const node of nodes) {
    const answers = Boolean(await describeKafka(node.address));
    if (answers) up += 1;
    console.log(
      `node ${node.id}  ${node.address}  ${answers ? 'answers' : 'does not answer'}  pid ${pidOf(node) ?? '-'}`,
    );
  }
  return up === nodes.length ? 0 : 1;
}

function oneNode(options, positionals) {
  const nodes = layout(size(options));
  const node = nodes.find((candidate) => candidate.id === Number(positionals[0]));
  if (!node) throw new InfraError(`node must be 1..${nodes.length}`);
  return { node, nodes };
}

const COMMANDS = {
  up: (options) => up(options),
  down: (options) => down(options),
  status: (options) => status(options),
  kill: async (options, positionals) => {
    const { node } = oneNode(options, positionals);
    // A fault test must not pass because nothing was killed.
    if (!pidOf(node)) throw new InfraError(`node ${node.id} was not started by this checkout: cannot kill it`);
    await stopNode(node, 'SIGKILL');
    return 0;
  },
  start: async (options, positionals) => {
    const { node, nodes } = oneNode(options, positionals);
    await startNode(resolveKafka(kafkaVersion()), node, nodes);
    await waitForCluster(nodes);
    return 0;
  },
};

async function main(args) {
  const { values, positionals } = parseArgs({
    args,
    options: { brokers: { type: 'string' }, wipe: { type: 'boolean' } },
    allowPositionals: true,
  });
  const command = COMMANDS[positionals[0]];
  if (!command)
    throw new InfraError(
      'usage: kafka-cluster.mjs up [--brokers N] | down [--wipe] | status | kill <node> | start <node>',
    );
  return command(values, positionals.slice(1));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof InfraError ? `[infra] ${error.message}` : error);
      process.exit(1);
    },
  );
}
