/**
 * The benchmarks' HTTP requests, and load from a child process, so that the
 * service measured in the benchmark's own process keeps its event loop to
 * itself, as it would in production, instead of sharing it with the clients
 * that load it.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  port: number;
  method: 'POST' | 'PUT';
  path: string;
  authorization: string;
  concurrency: number;
  /** JSON bodies, sent in this order by `concurrency` clients, each waiting for its answer before the next. */
  bodies: string[];
}

export interface Answer {
  /** Wall clock (ms since the epoch) when the request was sent. */
  sentAt: number;
  ms: number;
  status: number;
  body: string;
}

export interface LoadResult {
  seconds: number;
  /** In the order of `bodies`. */
  answers: Answer[];
}

export function loadFromChild(options: LoadOptions): Promise<LoadResult> {
  const child = fork(__filename, ['--child'], { execArgv: ['-r', 'ts-node/register/transpile-only'] });
  return new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (result: LoadResult | { error: string }) =>
      'error' in result ? reject(new Error(result.error)) : resolve(result),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load process exited (${code}) before answering`)));
    child.send(options);
  });
}

/** One request over `agent` (kept-alive connections); the answer's status and body as text. */
export function httpRequest(
  agent: http.Agent,
  target: { host?: string; port: number | string; method: string; path: string },
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.host ?? '127.0.0.1',
        port: target.port,
        method: target.method,
        path: target.path,
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function load({ port, method, path, authorization, concurrency, bodies }: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = async (body: string): Promise<Answer> => {
    const [sentAt, t0] = [Date.now(), performance.now()];
    const answer = await httpRequest(
      agent,
      { port, method, path },
      { authorization, 'content-type': 'application/json' },
      body,
    );
    return { sentAt, ms: performance.now() - t0, ...answer };
  };
  const answers: Answer[] = new Array(bodies.length);
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const index = next++;
        answers[index] = await send(bodies[index]);
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  agent.destroy();
  return { seconds, answers };
}

if (process.argv.includes('--child')) {
  process.once('message', (options: LoadOptions) => {
    load(options)
      .then((result) => process.send?.(result, undefined, {}, () => process.exit(0)))
      .catch((error: unknown) => process.send?.({ error: String(error) }, undefined, {}, () => process.exit(1)));
  });
}
