/** The text of an uploaded file, or why it is not text this platform reads. */
type CsvText = { text: string } | { refusal: string };

const SAVE_AS_UTF8 = 'in Excel, save it as "CSV UTF-8 (разделители - запятые)" and upload that';

/**
 * UTF-8, with or without a BOM, and UTF-16 with its BOM (Excel's "Unicode text"). Anything else is
 * refused rather than guessed: a file that is not UTF-8 is most often Windows-1251 (Excel's plain
 * "CSV" in a Russian locale), but KOI8-R or Latin-1 decode just as silently into wrong letters.
 */
export function decodeCsvText(file: Buffer): CsvText {
  if (file.length === 0) return { refusal: 'the file is empty' };
  if (isOfficeDocument(file)) return { refusal: `the file is an Excel workbook, not CSV: ${SAVE_AS_UTF8}` };
  const utf16 = utf16Encoding(file);
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(file);
  } catch {
    const why = utf16
      ? `the file is not ${utf16.toUpperCase()} text, though its BOM says so`
      : `the file is not UTF-8 text: line ${firstLineNotUtf8(file)} holds bytes UTF-8 does not allow ` +
        '(Excel\'s plain "CSV" in a Russian locale writes Windows-1251)';
    return { refusal: `${why}; ${SAVE_AS_UTF8}` };
  }
  // Control characters, tabs and line ends aside, are what no text file holds.
  const control = /(?![\t\n\r])\p{Cc}/u.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split('\n').length;
    return { refusal: `the file is not text: line ${line} holds control characters; ${SAVE_AS_UTF8}` };
  }
  return { text };
}

/** A .xlsx is a ZIP archive and a .xls an OLE2 compound file: people upload the workbook itself. */
function isOfficeDocument(file: Buffer): boolean {
  const ZIP = [0x50, 0x4b, 0x03, 0x04];
  const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
  return [ZIP, OLE2].some((signature) => signature.every((byte, index) => file[index] === byte));
}

function utf16Encoding(file: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (file[0] === 0xff && file[1] === 0xfe) return 'utf-16le';
  if (file[0] === 0xfe && file[1] === 0xff) return 'utf-16be';
  return null;
}

/** Lines split on the byte 0x0A, which UTF-8 never uses inside a character. */
function firstLineNotUtf8(file: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let end = file.indexOf(0x0a); end !== -1; end = file.indexOf(0x0a, start)) {
    try {
      decoder.decode(file.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
    line += 1;
  }
  // Every line before the last decoded, so the last is the one that did not.
  return line;
}
