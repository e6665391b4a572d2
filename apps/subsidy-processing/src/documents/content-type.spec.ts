import { contentMatchesType, fittedFileName, misleadingExtension } from './content-type';

describe('document content against its declared type', () => {
  it('accepts a PDF, a PNG and a CSV that are what they say', () => {
    expect(contentMatchesType(Buffer.from('%PDF-1.7\n...'), 'application/pdf')).toBe(true);
    expect(contentMatchesType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png')).toBe(
      true,
    );
    expect(contentMatchesType(Buffer.from('invoice;amount\nINV-1;100\n'), 'text/csv')).toBe(true);
  });

  it('refuses an executable declared as a PDF, binary declared as text, and unknown types', () => {
    expect(contentMatchesType(Buffer.from('MZ\x90\x00'), 'application/pdf')).toBe(false);
    expect(contentMatchesType(Buffer.from([0x41, 0x00, 0x42]), 'text/csv')).toBe(false);
    expect(contentMatchesType(Buffer.from('%PDF-'), 'application/x-msdownload')).toBe(false);
  });
});

describe('a file name against the declared type', () => {
  it('takes a name whose extension is one of the type, in any case, or a name without one', () => {
    expect(misleadingExtension('Счёт-фактура №12.PDF', 'application/pdf')).toBeUndefined();
    expect(misleadingExtension('scan.jpeg', 'image/jpeg')).toBeUndefined();
    expect(misleadingExtension('scan', 'image/png')).toBeUndefined();
  });

  it('names the extension of another type, which the download would be saved under', () => {
    expect(misleadingExtension('invoice.pdf.exe', 'application/pdf')).toBe('exe');
    expect(misleadingExtension('invoice.pdf', 'image/png')).toBe('pdf');
  });

  it('fits a long name by its stem, keeping the extension it is judged by, and a name without one by its end', () => {
    expect(fittedFileName(`${'a'.repeat(251)}.exe.pdf`, 255)).toBe(`${'a'.repeat(251)}.pdf`);
    expect(fittedFileName(`${'a'.repeat(250)}\u{1F48E}x.pdf`, 255)).toBe(`${'a'.repeat(250)}.pdf`);
    expect(fittedFileName('a'.repeat(300), 255)).toBe('a'.repeat(255));
    expect(fittedFileName('short.pdf', 255)).toBe('short.pdf');
  });

  it('leaves types it knows no extensions of to their bytes', () => {
    expect(misleadingExtension('export.dat', 'application/x-custom')).toBeUndefined();
  });
});
