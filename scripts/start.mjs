// `npm start`: infrastructure up, every service built and started (each runs its
// migrations at start), demo data loaded, URLs printed. Runs in the foreground;
// Ctrl-C stops every process it started, Kafka included if it started it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, run, services } from './services.mjs';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;
// Registry data first: the gateway's demo producers are bound to registry companies. Then a year of
// activity by the demo users, through the gateway's API (it takes the gateway's URL).
const DEMO_LOADERS = [
  'dist/apps/deposit-registry/apps/deposit-registry/src/demo/load-demo.js',
  'dist/apps/gateway/apps/gateway/src/demo/load-demo-users.js',
  'dist/apps/gateway/apps/gateway/src/demo/load-demo-activity.js',
].map((file) => path.join(ROOT, file));

const children = new Map();
let stopping = false;

const kafkaWasRunning = spawnSync(process.execPath, ['scripts/infra.mjs', 'status'], { cwd: ROOT }).status === 0;
await run(process.execPath, ['scripts/infra.mjs', 'up']);
await run(process.execPath, ['scripts/build.mjs']);

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  for (const service of services()) {
    start(service);
    await waitUntilReady(service);
  }
  const gateway = services().find((service) => service.name === 'gateway');
  for (const loader of DEMO_LOADERS.filter((file) => fs.existsSync(file))) {
    await run(process.execPath, [loader, `http://127.0.0.1:${gateway.port}`], { env: serviceEnvironment() });
  }
} catch (error) {
  console.error(`[start] ${error.message}`);
  await stopAll(1);
}

console.log('\nRedmet is running:');
for (const service of services()) {
  const docs = service.name === 'gateway' ? 'console: /, API docs: /api/docs' : 'API docs: /docs';
  console.log(`  ${service.name.padEnd(22)} http://127.0.0.1:${service.port}   (${docs}, health: /health/ready)`);
}
console.log(`  ${'Kafka'.padEnd(22)} ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}\nPress Ctrl-C to stop.\n`);

function serviceEnvironment() {
  // The young generation the image gives the services (deploy/docker/Dockerfile).
  return { LOG_PRETTY: 'true', NODE_ENV: 'development', NODE_OPTIONS: '--max-semi-space-size=32', ...process.env };
}

function start(service) {
  const child = spawn(process.execPath, [service.entry], {
    cwd: ROOT,
    env: serviceEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${service.name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? `code ${code}`}); stopping everything`);
      void stopAll(1);
    }
  });
  children.set(service.name, child);
}

async function waitUntilReady(service) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!children.has(service.name)) throw new Error(`${service.name} stopped during start`);
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${service.name} was not ready on port ${service.port} within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping...');
  const exits = [...children.values()].map(
    (child) =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS).unref();
      }),
  );
  await Promise.all(exits);
  if (!kafkaWasRunning) spawnSync(process.execPath, ['scripts/infra.mjs', 'down'], { cwd: ROOT, stdio: 'inherit' });
  process.exit(exitCode);
}
