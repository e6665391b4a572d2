/** A problem+json answer from the gateway or a service. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: { field: string; messages: string[] }[];
  correlationId?: string;
}

/** An API call that failed; `fields` maps a field path (`lines.0.quantity`) to its messages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Map<string, string[]>;
  readonly correlationId?: string;

  constructor(problem: Problem) {
    super(problem.detail);
    this.status = problem.status;
    this.code = problem.code;
    this.correlationId = problem.correlationId;
    this.fields = new Map();
    for (const { field, messages } of problem.errors ?? []) {
      this.fields.set(field, [...(this.fields.get(field) ?? []), ...messages]);
    }
  }

  /** Messages for `field` and anything nested under it when `nested` is set. */
  messagesFor(field: string, nested = false): string[] {
    if (!nested) return this.fields.get(field) ?? [];
    return [...this.fields.entries()]
      .filter(([name]) => name === field || name.startsWith(`${field}.`))
      .flatMap(([, messages]) => messages);
  }
}

export const NETWORK_ERROR = 'CONSOLE.NETWORK';

/** Reads a failed response as a problem, whatever the server actually sent. */
export async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  return problemFromText(response.status, text);
}

export function problemFromText(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body.code === 'string') {
      return new ApiError({
        status,
        code: body.code,
        detail: body.detail ?? '',
        errors: body.errors ?? [],
        correlationId: body.correlationId,
      });
    }
  } catch {
    // not JSON: fall through to a generic problem
  }
  return new ApiError({ status, code: `HTTP.${status}`, detail: text.slice(0, 300) || `HTTP ${status}`, errors: [] });
}

export function networkError(): ApiError {
  return new ApiError({ status: 0, code: NETWORK_ERROR, detail: 'The server could not be reached', errors: [] });
}
