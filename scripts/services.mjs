// The services `npm start` runs and `npm run build` compiles, in start order.
// Ports are the fixed local ones the console and other services rely on.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const KNOWN = [
  { name: 'deposit-registry', port: 3001 },
  { name: 'production-reporting', port: 3002 },
  { name: 'subsidy-processing', port: 3003 },
  { name: 'target-monitoring', port: 3004 },
  { name: 'gateway', port: 3000 },
];

/** Only the services that exist in this checkout (nest-cli.json lists them and their folder is there). */
export function services() {
  const projects = JSON.parse(fs.readFileSync(path.join(ROOT, 'nest-cli.json'), 'utf8')).projects;
  const exists = (service) =>
    projects[service.name]?.type === 'application' &&
    fs.existsSync(path.join(ROOT, 'apps', service.name, 'src/main.ts'));
  return KNOWN.filter(exists).map((service) => ({
    ...service,
    entry: path.join(ROOT, 'dist/apps', service.name, 'apps', service.name, 'src/main.js'),
  }));
}

/** Runs a command in the foreground and fails loudly with its exit code. */
export async function run(command, args, options = {}) {
  const { spawn } = await import('node:child_process');
  await new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
