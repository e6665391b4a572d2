import { cutText } from '@redmet/platform';

/**
 * Whether the bytes look like the declared type: a file renamed to .pdf is
 * refused. Only the types a claim needs are known; text types must not hold
 * NUL bytes.
 */
const SIGNATURES: Record<string, number[][]> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b, 0x03, 0x04]],
  'application/zip': [[0x50, 0x4b, 0x03, 0x04]],
};

export function contentMatchesType(content: Buffer, contentType: string): boolean {
  if (contentType.startsWith('text/')) return !content.includes(0);
  const signatures = SIGNATURES[contentType];
  if (!signatures) return false;
  return signatures.some((signature) => signature.every((byte, index) => content[index] === byte));
}

/** The extensions a name of each known type ends in; a browser derives the type it sends from them. */
const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'text/csv': ['csv', 'txt'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/zip': ['zip'],
};

/**
 * The extension of `fileName` when it names another type than `contentType` (a PDF named `invoice.exe`,
 * which the download would save under that name); undefined when it fits, or there is none to judge by.
 */
export function misleadingExtension(fileName: string, contentType: string): string | undefined {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1];
  const fitting = EXTENSIONS[contentType];
  if (extension === undefined || fitting === undefined) return undefined;
  return fitting.includes(extension.toLowerCase()) ? undefined : extension;
}

/**
 * A name longer than `max` keeps its extension and gives up the end of its stem: cut from the end, it would be
 * saved under whatever stood before the cut (`….exe.pdf` as `….exe`), not the extension judged above.
 */
export function fittedFileName(fileName: string, max: number): string {
  if (fileName.length <= max) return fileName;
  const extension = /\.[^.]{1,16}$/.exec(fileName)?.[0] ?? '';
  return cutText(fileName.slice(0, -extension.length || undefined), max - extension.length) + extension;
}
