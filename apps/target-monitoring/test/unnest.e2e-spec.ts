import { Client } from 'pg';
import { unnestSpec } from '../src/common/unnest';

interface Row {
  text: string | null;
  amount: string | number | null;
  flag: boolean;
  at: Date | string;
}

const SPEC = unnestSpec<Row>([
  ['text', 'text', (row) => row.text],
  ['amount', 'numeric', (row) => row.amount],
  ['flag', 'boolean', (row) => row.flag],
  ['at', 'timestamptz', (row) => row.at],
]);

describe('unnest array literals, read back by PostgreSQL', () => {
  const client = new Client({
    connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('every value comes back as given: quotes, backslashes, braces, commas, the word NULL, empty and missing values', async () => {
    const rows: Row[] = [
      { text: 'plain', amount: '2150.5', flag: true, at: new Date('2026-03-02T09:30:00.000Z') },
      { text: 'say "hi", {ok}', amount: 12, flag: false, at: '2026-03-02T09:30:00.5Z' },
      { text: 'back\\slash \\"both\\"', amount: null, flag: true, at: '2026-12-31T23:59:59.999Z' },
      { text: 'NULL', amount: '-0.000001', flag: false, at: '2026-01-01T00:00:00Z' },
      { text: '', amount: '0', flag: true, at: '2026-01-01T00:00:00Z' },
      { text: null, amount: '1e3', flag: false, at: '2026-01-01T00:00:00Z' },
      { text: 'Пермский край\ttab\nline', amount: 1.25, flag: true, at: '2026-01-01T00:00:00Z' },
    ];
    const { rows: read } = await client.query<{ text: string | null; amount: string | null; flag: boolean; at: Date }>(
      `SELECT * FROM unnest(${SPEC.casts}) AS t(${SPEC.names})`,
      SPEC.arrays(rows),
    );
    expect(read.map((row) => row.text)).toEqual(rows.map((row) => row.text));
    expect(read.map((row) => row.amount)).toEqual(['2150.5', '12', null, '-0.000001', '0', '1000', '1.25']);
    expect(read.map((row) => row.flag)).toEqual(rows.map((row) => row.flag));
    expect(read.map((row) => row.at.toISOString())).toEqual(rows.map((row) => new Date(row.at).toISOString()));
  });

  it('no rows is an empty array', async () => {
    const { rows } = await client.query(`SELECT * FROM unnest(${SPEC.casts}) AS t(${SPEC.names})`, SPEC.arrays([]));
    expect(rows).toEqual([]);
  });
});
