import { type CsvLayout, readCsv } from './csv-reader';

const LAYOUT: CsvLayout<'code' | 'amount' | 'note'> = {
  columns: ['code', 'amount', 'note'],
  required: ['code', 'amount'],
  numeric: ['amount'],
  maxRows: 10,
};

const read = (file: string | Buffer, layout = LAYOUT) => readCsv(Buffer.from(file), layout);
const values = (file: string | Buffer) => read(file).rows.map((row) => row.values);
const messages = (file: string | Buffer) => read(file).problems.map((problem) => problem.message);

describe('readCsv', () => {
  describe('separators', () => {
    it('takes the separator the header line uses: comma, semicolon or tab', () => {
      for (const separator of [',', ';', '\t']) {
        expect(read(['code', 'amount', 'note'].join(separator) + `\nLI${separator}12${separator}x\n`)).toEqual({
          rows: [{ line: 2, values: { code: 'LI', amount: '12', note: 'x' } }],
          problems: [],
        });
      }
    });

    it('counts separators outside quotes only, and reads separators inside quoted values as text', () => {
      expect(values('"code;a",amount\nLI,1\n')).toEqual([]);
      expect(read('"code;a",amount\nLI,1\n').problems).toEqual([
        { line: 1, message: 'unknown columns: code;a' },
        { line: 1, message: 'missing columns: code' },
      ]);
      expect(values('code;amount;note\nLI;1;"a; b, c"\n"X;Y";2;""""\n')).toEqual([
        { code: 'LI', amount: '1', note: 'a; b, c' },
        { code: 'X;Y', amount: '2', note: '"' },
      ]);
    });
  });

  describe('decimal commas', () => {
    it('reads a decimal comma and grouped thousands in the numeric columns of a file separated by ; or tabs', () => {
      const file = 'code;amount;note\nA;12,5;1,5\nB;1 234,5;x\nC;1\u00A0234\u00A0567,125;x\nD;-0,5;x\nE;2.5;x\n';
      expect(values(file).map((row) => [row.amount, row.note])).toEqual([
        ['12.5', '1,5'],
        ['1234.5', 'x'],
        ['1234567.125', 'x'],
        ['-0.5', 'x'],
        ['2.5', 'x'],
      ]);
      expect(values('code\tamount\nA\t"7,25"\n')[0].amount).toBe('7.25');
    });

    it('leaves for the caller to refuse what is not one number written the Russian way', () => {
      const amounts = ['1.234,5', '12,5,1', '12 34,5', '1 234.5', ',5', '12,', '1e3', 'двенадцать'];
      const file = `code;amount\n${amounts.map((amount) => `A;${amount}`).join('\n')}\n`;
      expect(read(file).rows.map((row) => row.values.amount)).toEqual(amounts);
    });

    it('names a code or period Excel turned into a date or a number, and says how to keep it', () => {
      const layout = { ...LAYOUT, typedAsText: ['code', 'note'] as const };
      const file = 'code;amount;note\nмар.26;1;x\nMar-26;1;01.03.2026\n2846,9;1;2026-03\n2846.90;1;2026-Q1\n';
      expect(read(file, layout).problems).toEqual([
        {
          line: 2,
          message:
            'code "мар.26" looks like the date Excel made of it: format the column as Text before saving the file',
        },
        {
          line: 3,
          message:
            'code "Mar-26" looks like the date Excel made of it: format the column as Text before saving the file',
        },
        {
          line: 3,
          message:
            'note "01.03.2026" looks like the date Excel made of it: format the column as Text before saving the file',
        },
        {
          line: 4,
          message:
            'code "2846,9" looks like the number Excel made of it: format the column as Text before saving the file',
        },
      ]);
      // The rows are still read: the caller names what is wrong with the value itself too.
      expect(read(file, layout).rows.map((row) => row.values.code)).toEqual(['мар.26', 'Mar-26', '2846,9', '2846.90']);
      expect(read(file).problems).toEqual([]);
    });

    it('never reads a comma as a decimal one in a comma-separated file, where "1,234" is a thousand in English', () => {
      expect(values('code,amount\nA,"1,234"\n')[0].amount).toBe('1,234');
      expect(read('code,amount\nA,12,5\n').problems).toEqual([
        { line: 2, message: 'has 3 values where the header names 2 columns' },
      ]);
    });
  });

  describe('text', () => {
    it('skips a BOM, takes CRLF, CR and LF, and numbers lines as an editor does, past blank lines and quoted breaks', () => {
      for (const end of ['\n', '\r\n', '\r']) {
        const file = ['\uFEFFcode;amount;note', '', 'A;1;x', 'B;2;"two', '', 'lines"', 'C;3;x'].join(end);
        expect(read(file).rows.map(({ line, values: { code, note } }) => [line, code, note])).toEqual([
          [3, 'A', 'x'],
          [4, 'B', 'two\n\nlines'],
          [7, 'C', 'x'],
        ]);
      }
    });

    it('reads UTF-16 behind its BOM, as Excel saves "Unicode text"', () => {
      const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('code\tamount\r\nLI\t2,5\r\n', 'utf16le')]);
      expect(values(file)).toEqual([{ code: 'LI', amount: '2.5', note: '' }]);
    });

    it('refuses a file that is not UTF-8, naming the line, rather than guess its encoding', () => {
      const windows1251 = Buffer.from([...Buffer.from('code;amount\nA;1\nB;1'), 0xa0, ...Buffer.from('234,5\n')]);
      expect(read(windows1251)).toEqual({
        rows: [],
        problems: [{ message: expect.stringContaining('the file is not UTF-8 text: line 3 holds bytes') }],
      });
      expect(messages(windows1251)[0]).toContain('Windows-1251');
      expect(messages(windows1251)[0]).toContain('CSV UTF-8');
    });

    it('refuses binary junk, an Excel workbook and an empty file as such, whatever bytes they hold', () => {
      expect(messages(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual([
        expect.stringContaining('the file is an Excel workbook, not CSV'),
      ]);
      expect(messages(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual([
        expect.stringContaining('the file is an Excel workbook, not CSV'),
      ]);
      expect(messages(Buffer.from('code,amount\nA,1\0\n'))).toEqual([
        expect.stringContaining('the file is not text: line 2 holds control characters'),
      ]);
      expect(messages(Buffer.from([0xff, 0xfe, 0x00, 0xd8]))).toEqual([
        expect.stringContaining('the file is not UTF-16LE text, though its BOM says so'),
      ]);
      expect(messages('')).toEqual(['the file is empty']);
      for (let seed = 1; seed <= 50; seed += 1) {
        const junk = Buffer.from(Array.from({ length: 64 }, (_, index) => (seed * 7919 + index * 104729) % 256));
        expect(read(junk).rows).toEqual([]);
        expect(read(junk).problems.length).toBeGreaterThan(0);
      }
    });
  });

  describe('header', () => {
    it('takes the columns in any order, optional ones left out', () => {
      expect(values('amount,code\n3,A\n')).toEqual([{ code: 'A', amount: '3', note: '' }]);
    });

    it('names missing, unknown and repeated columns on line 1 and reads no row', () => {
      expect(read('code,colour,code,colour\nA,red,B,blue\n')).toEqual({
        rows: [],
        problems: [
          { line: 1, message: 'unknown columns: colour, colour' },
          { line: 1, message: 'missing columns: amount' },
          { line: 1, message: 'columns named twice: code, colour' },
        ],
      });
    });

    it('refuses a file of no header, no rows, or more rows than it may hold', () => {
      expect(read('\n;;\n')).toEqual({ rows: [], problems: [{ message: 'the file has no header line' }] });
      expect(read('code,amount\r\n\r\n')).toEqual({
        rows: [],
        problems: [{ message: 'the file has no data rows under its header' }],
      });
      const rows = (count: number) => `code,amount\n${'A,1\n'.repeat(count)}`;
      expect(read(rows(3), { ...LAYOUT, maxRows: 3 }).rows).toHaveLength(3);
      expect(read(rows(4), { ...LAYOUT, maxRows: 3 })).toEqual({
        rows: [],
        problems: [{ message: 'the file has more than 3 data lines, the most one upload may hold: split it' }],
      });
    });

    it('passes over the empty columns and rows Excel writes for cells once used, but not a value under no name', () => {
      expect(read('code;amount;;\nA;1;;\n;;;\nB;2;;x\n')).toEqual({
        rows: [{ line: 2, values: { code: 'A', amount: '1', note: '' } }],
        problems: [{ line: 4, message: 'has a value in column 4, which the header does not name' }],
      });
    });

    it('names a header line that cannot be read rather than take the first row for the header', () => {
      expect(read('"code"x,amount\nA,1\n')).toEqual({
        rows: [],
        problems: [
          { line: 1, message: 'a quoted value goes on after its closing quote: write a " inside a quoted value as ""' },
        ],
      });
    });
  });

  describe('rows', () => {
    it('names each row of too few or too many values and each broken quoting by the line it starts on, and reads the others', () => {
      const file = ['code,amount', 'A', 'B,2', 'C,3,x,y', 'D,4"', '', '"E,5', 'F,6'].join('\n');
      expect(read(file)).toEqual({
        rows: [{ line: 3, values: { code: 'B', amount: '2', note: '' } }],
        problems: [
          { line: 2, message: 'has 1 values where the header names 2 columns' },
          { line: 4, message: 'has 4 values where the header names 2 columns' },
          { line: 5, message: 'a value holds a " but is not quoted: quote the value and write the " as ""' },
          {
            line: 7,
            message: 'a quoted value starting on this line is never closed: every opening " needs a closing "',
          },
        ],
      });
    });
  });
});
