// Container health check: exits 0 when the service answers its health endpoint.
//   node deploy/docker/healthcheck.cjs [/health/live|/health/ready]
// Plain Node (the slim image has no curl or wget).
const path = process.argv[2] ?? '/health/live';
const url = `http://127.0.0.1:${process.env.PORT ?? 8080}${path}`;
const abort = new AbortController();
setTimeout(() => abort.abort(), 4000).unref();

fetch(url, { signal: abort.signal }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
