import { DataSource } from 'typeorm';
import { ProductAdded } from '@redmet/contracts';
import { waitFor } from '@redmet/testing';
import { product } from './support/builders';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

describe('configuration changes', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const versions = async (key: string) =>
    (await (await monitoring.http()).get(`/configuration/versions/${key}`).expect(200)).body as {
      version: number;
      value: Record<string, unknown>;
    }[];

  it('applies two changes of one target made at once one after the other, the second keeping the first', async () => {
    const key = 'target:output-value';
    // This connection holds the key's lock, so both changes start before either may record.
    const holder = monitoring.app.get(DataSource).createQueryRunner();
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`config:${key}`]);
      const admin = await monitoring.http('admin');
      const changes = Promise.all([
        admin
          .patch('/configuration/targets/output-value')
          .send({ targetValue: '90000000000000', effectiveFrom: '2026-01-01', reason: 'revised value target' }),
        admin
          .patch('/configuration/targets/output-value')
          .send({ atRiskTolerance: '0.1', effectiveFrom: '2026-01-01', reason: 'wider tolerance' }),
      ]);
      await waitFor(async () => {
        const [{ waiting }] = await holder.query(
          `SELECT count(*)::int AS waiting FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
          [`config:${key}`],
        );
        return waiting === 2;
      }, PATIENTLY);
      await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`config:${key}`]);
      expect((await changes).map((response) => response.status)).toEqual([200, 200]);
    } finally {
      // Should the test fail while the lock is held, the pooled connection must not keep it.
      await holder.query('SELECT pg_advisory_unlock_all()');
      await holder.release();
    }

    const latest = (await versions(key)).at(-1);
    expect(latest?.value).toMatchObject({ targetValue: '90000000000000', atRiskTolerance: '0.1' });
  });

  describe('a change before a version effective later', () => {
    const key = 'target:output-small-tonnage';
    const change = async (settings: Record<string, unknown>, effectiveFrom: string, reason: string) =>
      (
        await (
          await monitoring.http('admin')
        )
          .patch('/configuration/targets/output-small-tonnage')
          .send({ ...settings, effectiveFrom, reason })
          .expect(200)
      ).body as { version: number; carriedForward: { version: number; effectiveFrom: string; reason: string }[] };
    const inEffectOn = async (asOf: string) =>
      (
        (await (await monitoring.http()).get('/configuration').query({ asOf }).expect(200)).body as {
          key: string;
          version: number;
          value: Record<string, unknown>;
        }[]
      ).find((entry) => entry.key === key);

    it('is carried onto the later versions that kept the value it replaced, each a new version, and stops at one that set its own', async () => {
      const tolerances = await change({ atRiskTolerance: '0.1', offTrackTolerance: '0.2' }, '2027-01-01', 'wider');
      const ninety = await change({ targetValue: '90' }, '2029-01-01', 'the 2029 plan');

      const eighty = await change({ targetValue: '80' }, '2026-01-01', 'RIA: up to 80 t');
      expect(eighty.carriedForward).toEqual([
        expect.objectContaining({
          version: eighty.version + 1,
          effectiveFrom: '2027-01-01',
          reason: `RIA: up to 80 t (carried forward from version ${eighty.version} onto version ${tolerances.version} (effective from 2027-01-01))`,
        }),
      ]);
      expect((await inEffectOn('2026-06-01'))?.value).toMatchObject({ targetValue: '80', atRiskTolerance: '0.05' });
      // Not 80,000 again from 2027: the tolerances of 2027 stand beside the new target.
      expect(await inEffectOn('2027-06-01')).toMatchObject({
        version: eighty.version + 1,
        value: { targetValue: '80', atRiskTolerance: '0.1', offTrackTolerance: '0.2' },
      });
      // The 2029 version set a target of its own: it stands.
      expect(await inEffectOn('2029-06-01')).toMatchObject({ version: ninety.version, value: { targetValue: '90' } });
      // The versions of 2027 before the change are kept, as they were: the audit trail.
      expect((await versions(key)).find((v) => v.version === tolerances.version)?.value).toMatchObject({
        targetValue: '80000',
      });
    });

    it('is refused whole when a later version it would be carried onto would be inconsistent, naming that version', async () => {
      const admin = await monitoring.http('admin');
      const large = (settings: Record<string, unknown>, effectiveFrom: string) =>
        admin
          .patch('/configuration/targets/output-large-tonnage')
          .send({ ...settings, effectiveFrom, reason: 'tolerance review' });
      const later = (await large({ atRiskTolerance: '0.12' }, '2027-01-01').expect(200)).body;
      const before = (await versions('target:output-large-tonnage')).length;

      // Consistent on its own date (0.05 at risk), not on 2027's (0.12 at risk), which kept the 0.15 it replaces.
      const refused = await large({ offTrackTolerance: '0.1' }, '2026-01-01').expect(400);
      expect(refused.body.errors).toEqual([
        {
          field: 'offTrackTolerance',
          messages: [
            `offTrackTolerance must be at least atRiskTolerance, carried onto version ${later.version} (effective from 2027-01-01)`,
          ],
        },
      ]);
      expect((await versions('target:output-large-tonnage')).length).toBe(before);
    });
  });

  it('refuses a path with two values for one year, naming the second, and records nothing', async () => {
    const before = (await versions('target:import-dependence')).length;
    const refused = await (
      await monitoring.http('admin')
    )
      .patch('/configuration/targets/import-dependence')
      .send({
        path: [
          { year: 2027, value: '62' },
          { year: 2028, value: '58' },
          { year: 2027, value: '65' },
        ],
        effectiveFrom: '2026-01-01',
        reason: 'intermediate milestones',
      })
      .expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['path.2.year']);
    expect((await versions('target:import-dependence')).length).toBe(before);
  });

  it('refuses reference data for a product the catalogue does not have, naming the code, and records nothing', async () => {
    const refused = await (
      await monitoring.http('admin')
    )
      .patch('/configuration/products/LI-CARBONTE')
      .send({ referencePriceKopecksPerTonne: '560000000', effectiveFrom: '2026-01-01', reason: 'price list' })
      .expect(404);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['code']);
    await (await monitoring.http()).get('/configuration/versions/product:LI-CARBONTE').expect(404);
  });

  describe('a change that changes nothing', () => {
    const catalogued = product();
    const on = '2026-01-01';

    beforeAll(async () => {
      await monitoring.processed(await monitoring.publish(ProductAdded, catalogued.code, catalogued));
    });

    /** The value of `key` in effect on `on`, as the API gives it. */
    const inEffect = async (key: string) =>
      (
        (await (await monitoring.http()).get('/configuration').query({ asOf: on }).expect(200)).body as {
          key: string;
          value: Record<string, unknown>;
        }[]
      ).find((entry) => entry.key === key)?.value;

    const recorded = async (key: string) => {
      const response = await (await monitoring.http()).get(`/configuration/versions/${key}`);
      return response.status === 404 ? 0 : (response.body as unknown[]).length;
    };

    it('is refused when it sends no setting, naming the body, and nothing is recorded', async () => {
      const admin = await monitoring.http('admin');
      const paths: [string, string][] = [
        ['targets/new-plants', 'target:new-plants'],
        ['rules/output.sudden_drop', 'rule:output.sudden_drop'],
        [`products/${catalogued.code}`, `product:${catalogued.code}`],
      ];
      for (const [path, key] of paths) {
        const before = await recorded(key);
        const refused = await admin
          .patch(`/configuration/${path}`)
          .send({ effectiveFrom: on, reason: 'nothing to change' })
          .expect(400);
        expect(refused.body).toMatchObject({ code: 'CONFIG.EMPTY_CHANGE', errors: [{ field: 'body' }] });
        expect(await recorded(key)).toBe(before);
      }
    });

    it('is refused when every setting it sends is already in effect on its date (decimals by value), and nothing is recorded', async () => {
      const admin = await monitoring.http('admin');
      const target = await inEffect('target:new-plants');
      const rule = await inEffect('rule:output.sudden_drop');
      const unchanged: [string, string, Record<string, unknown>][] = [
        ['targets/new-plants', 'target:new-plants', { targetValue: `${target?.targetValue}.0`, name: target?.name }],
        ['rules/output.sudden_drop', 'rule:output.sudden_drop', { enabled: rule?.enabled, severity: rule?.severity }],
        // Nothing configured for the product yet: clearing its factor leaves it as it is.
        [`products/${catalogued.code}`, `product:${catalogued.code}`, { metalContentFactor: null }],
      ];
      for (const [path, key, settings] of unchanged) {
        const before = await recorded(key);
        const refused = await admin
          .patch(`/configuration/${path}`)
          .send({ ...settings, effectiveFrom: on, reason: 'the same again' })
          .expect(409);
        expect(refused.body.code).toBe('CONFIG.UNCHANGED');
        expect(await recorded(key)).toBe(before);
      }

      // One setting that differs is a change, recorded whole; the same again is then refused.
      const factor = { metalContentFactor: '0.5', effectiveFrom: on, reason: 'Li2CO3 assay' };
      await admin.patch(`/configuration/products/${catalogued.code}`).send(factor).expect(200);
      await admin
        .patch(`/configuration/products/${catalogued.code}`)
        .send({ ...factor, metalContentFactor: '0.50', referencePriceKopecksPerTonne: null })
        .expect(409);
      expect(await recorded(`product:${catalogued.code}`)).toBe(1);
    });
  });
});
