import { tokensAfter401 } from './http';
import { IDEMPOTENCY_KEY_HEADER, withIdempotencyKey } from './idempotency';
import { networkError, problemFromText } from './problem';
import { session } from './session';

/** `sending` while bytes go up (with a fraction); `processing` while the service checks the file. */
export type UploadProgress = { phase: 'sending'; fraction: number } | { phase: 'processing' };

function sendOnce(
  path: string,
  form: FormData,
  token: string | undefined,
  idempotencyKey: string,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader(IDEMPOTENCY_KEY_HEADER, idempotencyKey);
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ phase: 'sending', fraction: event.loaded / event.total });
    };
    request.upload.onload = () => onProgress({ phase: 'processing' });
    request.onload = () => resolve({ status: request.status, text: request.responseText });
    request.onerror = () => reject(networkError());
    request.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}

/**
 * Sends a file as multipart (field `file` unless named) with upload progress,
 * which fetch cannot report. Same token handling as `api`: one refresh on 401.
 */
export async function uploadFile<T>(
  path: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  options: { field?: string; fields?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<T> {
  const form = () => {
    const data = new FormData();
    for (const [name, value] of Object.entries(options.fields ?? {})) data.set(name, value);
    data.set(options.field ?? 'file', file);
    return data;
  };
  // The same file sent again to the same place, after no answer or a failure on the service's side, is the same upload.
  const write = `POST ${path} ${file.name} ${file.size} ${file.lastModified} ${JSON.stringify(options.fields ?? {})}`;
  return withIdempotencyKey(write, async (key) => {
    const token = session.tokens?.accessToken;
    let result = await sendOnce(path, form(), token, key, onProgress, options.signal);
    const renewed = result.status === 401 && token ? await tokensAfter401(token) : null;
    if (renewed) result = await sendOnce(path, form(), renewed.accessToken, key, onProgress, options.signal);
    if (result.status < 200 || result.status >= 300) throw problemFromText(result.status, result.text);
    return (result.text ? JSON.parse(result.text) : undefined) as T;
  });
}
