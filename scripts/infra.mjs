#!/usr/bin/env node
// Local infrastructure without Docker: a single-node Kafka (KRaft) run from jars
// that Maven fetches, and the machine's PostgreSQL with the project's databases.
//
//   node scripts/infra.mjs up [--brokers N]   start what is missing, create databases
//                                             (N > 1: a separate local cluster, see kafka-cluster.mjs)
//   node scripts/infra.mjs down [--wipe]      stop our Kafka (--wipe: delete its data)
//   node scripts/infra.mjs status             exit 0 when Kafka and PostgreSQL answer
//
// Environment: KAFKA_BROKERS (127.0.0.1:9092), KAFKA_CONTROLLER_PORT (9093),
// PGHOST, PGPORT, PGUSER, PGPASSWORD (127.0.0.1, 5432, postgres).
//
// Plain ESM on Node builtins plus pg and kafkajs: it must run before anything
// is compiled.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
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
import { ensureDevSigningKey } from './dev-auth.mjs';

const DEPLOY_DIR = path.join(ROOT, 'deploy/local/kafka');
const SERVER_TEMPLATE = path.join(DEPLOY_DIR, 'server.properties');
const CACHE_DIR = path.join(ROOT, '.cache/kafka');
const DATA_DIR = path.join(CACHE_DIR, 'data');
const SERVER_PROPERTIES = path.join(CACHE_DIR, 'server.properties');
const PID_FILE = path.join(CACHE_DIR, 'kafka.pid');
const LOG_FILE = path.join(CACHE_DIR, 'kafka.log');

const KAFKA_START_TIMEOUT_MS = 90_000;
const KAFKA_STOP_TIMEOUT_MS = 30_000;
const PG_START_TIMEOUT_MS = 30_000;
const POLL_MS = 500;

const DATABASES = ['registry', 'reporting', 'subsidy', 'monitoring', 'gateway'].flatMap((service) => [
  `redmet_${service}`,
  `redmet_${service}_test`,
]);

// ---------------------------------------------------------------- settings

function kafkaSettings() {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (brokers.length !== 1) {
    throw new InfraError(
      `KAFKA_BROKERS lists ${brokers.length} addresses; infra.mjs runs a single broker for now: give one host:port`,
    );
  }
  const address = brokers[0];
  const separator = address.lastIndexOf(':');
  if (separator <= 0) throw new InfraError(`KAFKA_BROKERS must be host:port, got "${address}"`);
  const host = address.slice(0, separator);
  const port = parsePort(address.slice(separator + 1), 'KAFKA_BROKERS');
  const controllerPort = parsePort(process.env.KAFKA_CONTROLLER_PORT ?? '9093', 'KAFKA_CONTROLLER_PORT');
  if (controllerPort === port) {
    throw new InfraError(`KAFKA_CONTROLLER_PORT must differ from the broker port ${port}`);
  }
  return { address, host, port, controllerPort, version: kafkaVersion() };
}

function parsePort(text, name) {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InfraError(`${name}: "${text}" is not a port number`);
  }
  return port;
}

function pgSettings() {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    password: process.env.PGPASSWORD,
  };
}

// ---------------------------------------------------------------- probes

async function waitForKafka(address, isRunning) {
  const started = Date.now();
  while (Date.now() - started < KAFKA_START_TIMEOUT_MS) {
    if (await kafkaReady(address)) return;
    if (!isRunning()) {
      throw new InfraError(`Kafka exited while starting; see ${LOG_FILE}\n${logTail()}`);
    }
    await sleep(POLL_MS);
  }
  throw new InfraError(
    `Kafka on ${address} did not become ready within ${KAFKA_START_TIMEOUT_MS / 1000} s; see ${LOG_FILE}\n${logTail()}`,
  );
}

function logTail(lines = 20) {
  if (!fs.existsSync(LOG_FILE)) return '';
  const tail = fs.readFileSync(LOG_FILE, 'utf8').trimEnd().split('\n').slice(-lines);
  return `--- last lines of ${relative(LOG_FILE)} ---\n${tail.join('\n')}`;
}

// ---------------------------------------------------------------- our Kafka process

const isOurKafka = (pid) => runsKafka(pid, SERVER_PROPERTIES);

/** The pid of the Kafka this script started, or null; clears a stale pid file. */
function ourKafkaPid() {
  if (!fs.existsSync(PID_FILE)) return null;
  const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
  if (isOurKafka(pid)) return pid;
  fs.rmSync(PID_FILE);
  return null;
}

function renderServerProperties({ host, port, controllerPort }) {
  return renderProperties(SERVER_TEMPLATE, {
    HOST: host,
    BROKER_PORT: port,
    CONTROLLER_PORT: controllerPort,
    DATA_DIR,
  });
}

// KRaft refuses to start on an unformatted log dir; formatting twice would fail
// (and a new cluster id would orphan the data), so only when meta.properties is missing.
function formatStorageOnce(libs) {
  if (fs.existsSync(path.join(DATA_DIR, 'meta.properties'))) return;
  const clusterId = newClusterId(libs);
  runJava(libs, ['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', SERVER_PROPERTIES]);
  log(`Formatted ${relative(DATA_DIR)} (cluster id ${clusterId})`);
}

function startKafka(settings, libs) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(SERVER_PROPERTIES, renderServerProperties(settings));
  formatStorageOnce(libs);
  return spawnKafka(libs, SERVER_PROPERTIES, { logFile: LOG_FILE, logFlags: 'w', pidFile: PID_FILE, cwd: CACHE_DIR });
}

async function stopKafka(pid) {
  const started = Date.now();
  await stopProcess(pid, { isRunning: () => isOurKafka(pid), timeoutMs: KAFKA_STOP_TIMEOUT_MS, name: 'Kafka' });
  log(`Stopped Kafka (pid ${pid}) in ${seconds(started)}`);
}

/** Makes sure a usable broker answers on settings.address; returns who runs it. */
async function ensureKafka(settings) {
  const { address, host, port, controllerPort } = settings;
  const pid = ourKafkaPid();
  if (pid) {
    if (fs.readFileSync(SERVER_PROPERTIES, 'utf8') !== renderServerProperties(settings)) {
      throw new InfraError(
        `Our Kafka (pid ${pid}) runs with other settings than KAFKA_BROKERS=${address} / ` +
          `KAFKA_CONTROLLER_PORT=${controllerPort} ask for: run "npm run infra:down" first`,
      );
    }
    const ready = await kafkaReady(address);
    log(ready ? `Kafka already running (pid ${pid}) on ${address}` : `Kafka (pid ${pid}) is starting: waiting`);
    if (!ready) await waitForKafka(address, () => isOurKafka(pid));
    return { pid };
  }

  if (await portInUse(host, port)) {
    if (!(await describeKafka(address))) {
      throw new InfraError(
        `Port ${port} on ${host} is taken by something that is not a Kafka broker: stop it or set KAFKA_BROKERS to a free host:port`,
      );
    }
    log(`A Kafka broker that infra.mjs did not start answers on ${address}: using it`);
    await waitForKafka(address, () => true);
    return { external: true };
  }
  if (await portInUse(host, controllerPort)) {
    throw new InfraError(
      `Controller port ${controllerPort} on ${host} is taken: free it or set KAFKA_CONTROLLER_PORT to a free port`,
    );
  }

  requireTool('java', 'Kafka 4 needs Java 17 or newer (apt-get install openjdk-17-jre-headless)');
  requireTool('mvn', 'Maven fetches the Kafka jars (apt-get install maven)');
  const libs = resolveKafka(settings.version);
  const started = Date.now();
  const newPid = startKafka(settings, libs);
  log(`Started Kafka ${settings.version} (pid ${newPid}), waiting for it to answer on ${address} ...`);
  await waitForKafka(address, () => isOurKafka(newPid));
  log(`Kafka ready in ${seconds(started)}`);
  return { pid: newPid };
}

// ---------------------------------------------------------------- PostgreSQL

async function withPg(action) {
  const client = new pg.Client({ ...pgSettings(), database: 'postgres', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

// An error with a SQLSTATE (e.g. a wrong password) comes from a server that is up
// and must not be mistaken for one that is down, except "starting up" (57P03).
async function pgAnswers() {
  try {
    await withPg((client) => client.query('SELECT 1'));
    return true;
  } catch (error) {
    if (/^[0-9A-Z]{5}$/.test(error.code ?? '') && error.code !== '57P03') {
      const { host, port, user } = pgSettings();
      throw new InfraError(`PostgreSQL at ${host}:${port} refused ${user}: ${error.message}`);
    }
    return false;
  }
}

function startLocalPostgres() {
  const { host, port } = pgSettings();
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new InfraError(`PostgreSQL at ${host}:${port} does not answer (and is not on this machine to start)`);
  }
  const versions = fs.existsSync('/etc/postgresql')
    ? fs.readdirSync('/etc/postgresql').filter((name) => /^\d+$/.test(name))
    : [];
  if (versions.length === 0) {
    throw new InfraError(`PostgreSQL at ${host}:${port} does not answer and no cluster is in /etc/postgresql`);
  }
  const version = versions.sort((a, b) => Number(b) - Number(a))[0];
  log(`PostgreSQL does not answer: starting cluster ${version}/main`);
  const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new InfraError(
      `pg_ctlcluster ${version} main start failed (pg_lsclusters shows which port each cluster uses; ` +
        `PGHOST/PGPORT must match):\n${result.stdout}${result.stderr}`,
    );
  }
}

async function ensurePostgres() {
  if (await pgAnswers()) return;
  startLocalPostgres();
  const started = Date.now();
  while (!(await pgAnswers())) {
    if (Date.now() - started > PG_START_TIMEOUT_MS) {
      const { host, port } = pgSettings();
      throw new InfraError(`PostgreSQL started but does not answer on ${host}:${port}; check pg_lsclusters`);
    }
    await sleep(POLL_MS);
  }
  log(`PostgreSQL answers after ${seconds(started)}`);
}

const existingDatabases = (client) =>
  client
    .query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [DATABASES])
    .then(({ rows }) => new Set(rows.map((row) => row.datname)));

/** Creates the missing databases; returns the names it created. */
function createDatabases() {
  return withPg(async (client) => {
    const existing = await existingDatabases(client);
    const missing = DATABASES.filter((name) => !existing.has(name));
    for (const name of missing) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        if (error.code !== '42P04') throw error; // created meanwhile by another run: fine
      }
    }
    return missing;
  });
}

// ---------------------------------------------------------------- commands

/** Several brokers: a separate local cluster (scripts/kafka-cluster.mjs) beside the single broker. */
function clusterCommand(args) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/kafka-cluster.mjs'), ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new InfraError(`kafka-cluster.mjs ${args.join(' ')} failed`);
}

async function up(options) {
  const brokers = Number(options.brokers ?? 1);
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > 9) throw new InfraError('--brokers must be 1 to 9');
  if (brokers > 1) {
    clusterCommand(['up', '--brokers', String(brokers)]);
    await ensurePostgres();
    await createDatabases();
    ensureDevSigningKey();
    return;
  }
  const settings = kafkaSettings();
  const kafka = await ensureKafka(settings);
  await ensurePostgres();
  const created = await createDatabases();
  if (ensureDevSigningKey()) log('Created the development token signing key in .cache/auth/');

  printSummary(settings, kafka, created);
}

function printSummary(settings, kafka, created) {
  const { host, port, user } = pgSettings();
  const lines = kafka.external
    ? [`Kafka       ${settings.address}  (not started by infra.mjs)`]
    : [
        `Kafka       ${settings.address}  (Apache Kafka ${settings.version}, pid ${kafka.pid})`,
        `            log: ${relative(LOG_FILE)}`,
      ];
  lines.push(`PostgreSQL  ${user}@${host}:${port}`, `Databases   ${DATABASES.join(', ')}`);
  if (created.length) lines.push(`            created now: ${created.join(', ')}`);
  console.log(`\n${lines.join('\n')}`);
}

async function down(options) {
  const pid = ourKafkaPid();
  if (pid) await stopKafka(pid);
  else log('No Kafka started by infra.mjs is running');
  fs.rmSync(PID_FILE, { force: true });
  if (options.wipe) {
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
    log(`Deleted ${relative(DATA_DIR)}`);
  }
  if (fs.existsSync(path.join(ROOT, '.cache/kafka-cluster')))
    clusterCommand(['down', ...(options.wipe ? ['--wipe'] : [])]);
  log('PostgreSQL left running: it is the machine’s');
}

async function status() {
  const settings = kafkaSettings();
  const pid = ourKafkaPid();
  const cluster = await describeKafka(settings.address);
  const ready = cluster !== null && (await kafkaReady(settings.address));
  const owner = pid ? `ours: Apache Kafka ${settings.version}, pid ${pid}` : 'not started by infra.mjs';
  let state = 'does not answer';
  if (cluster) state = ready ? 'answers' : 'answers, not ready for consumer groups or idempotent producers yet';
  console.log(`Kafka       ${settings.address}  ${state}  (${owner})`);

  const postgres = await postgresStatus();
  const { host, port, user } = pgSettings();
  console.log(`PostgreSQL  ${user}@${host}:${port}  ${postgres.up ? 'answers' : 'does not answer'}`);
  console.log(`Databases   ${postgres.databases}`);
  return ready && postgres.up ? 0 : 1;
}

async function postgresStatus() {
  try {
    const existing = await withPg(existingDatabases);
    const missing = DATABASES.filter((name) => !existing.has(name));
    return {
      up: true,
      databases: missing.length ? `missing: ${missing.join(', ')}` : `all ${DATABASES.length} present`,
    };
  } catch (error) {
    return { up: false, databases: `unknown (${error.message})` };
  }
}

const COMMANDS = {
  up: { run: up, options: { brokers: { type: 'string' } } },
  down: { run: down, options: { wipe: { type: 'boolean' } } },
  status: { run: status, options: {} },
};

async function main([name, ...args]) {
  const command = COMMANDS[name];
  if (!command) throw new InfraError('usage: node scripts/infra.mjs up [--brokers 1] | down [--wipe] | status');
  let values;
  try {
    ({ values } = parseArgs({ args, options: command.options, strict: true }));
  } catch (error) {
    throw new InfraError(`${name}: ${error.message}`);
  }
  return (await command.run(values)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof InfraError ? `[infra] ${error.message}` : error);
    process.exit(1);
  },
);
