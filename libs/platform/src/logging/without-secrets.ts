/** Query parameters whose values are credentials: an EventSource cannot send headers, so it sends `?access_token=`. */
const SECRET_PARAMETER = /token|passw|secret|api[-_]?key|credential/i;

const REDACTED = '[redacted]';

function decoded(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** A URL as it may be logged: the values of parameters that carry credentials are replaced. */
export function withoutSecrets(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .replace(/([^&=]*)=([^&]*)/g, (pair, name: string) =>
      SECRET_PARAMETER.test(decoded(name)) ? `${name}=${REDACTED}` : pair,
    );
  return url.slice(0, start + 1) + query;
}

/** A parsed query as it may be logged, by the same rule. */
export function queryWithoutSecrets(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, SECRET_PARAMETER.test(name) ? REDACTED : value]),
  );
}
