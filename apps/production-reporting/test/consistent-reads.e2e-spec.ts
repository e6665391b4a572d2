import { DataSource } from 'typeorm';
import { waitForLockWait } from '@redmet/testing';
import { line, useReportingWorld } from './support/producer-world';
import { productCode, storeProductArrival } from './support/registry-events';

/**
 * A read answers as of one moment, whatever commits while it runs. The change is made in a transaction of the test,
 * which also holds the report's lines: a read that took the report row first waits there, between its statements,
 * until the change commits.
 */
describe('reads while a change to what they show commits', () => {
  let dataSource: DataSource;

  const suite = useReportingWorld();

  beforeAll(async () => {
    dataSource = suite.reporting.app.get(DataSource);
  });

  it('shows a report with its latest version as of one moment while a registry change decides that version', async () => {
    const code = productCode();
    const filed = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-09',
      lines: [{ ...line(suite.world.carbonate), productCode: code }],
      submit: true,
    });
    expect(filed.body.state).toBe('pending');
    const id = filed.body.reportId;
    const change = dataSource.createQueryRunner();
    await change.startTransaction();
    let read: Promise<{ body: Record<string, unknown> }>;
    try {
      // The product arrives: the read model stores it and decides the pending version in one transaction.
      await storeProductArrival(suite.reporting, change.manager, code);
      await change.query('LOCK TABLE report_line IN ACCESS EXCLUSIVE MODE');
      read = Promise.resolve(suite.world.http.get(`/reports/${id}`));
      await waitForLockWait((sql) => dataSource.query(sql));
      await change.commitTransaction();
    } finally {
      if (change.isTransactionActive) await change.rollbackTransaction();
      await change.release();
    }

    const { body } = await read;
    expect(body).toMatchObject({ state: 'accepted', acceptedVersion: 1, latestVersion: 1 });
    expect(body.latest).toMatchObject({ version: 1, state: 'accepted', reasons: [] });
  });
});
