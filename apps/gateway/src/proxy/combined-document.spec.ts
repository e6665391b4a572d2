import { Logger } from '@nestjs/common';
import type { GatewayEnvironment } from '../gateway.environment';
import { CombinedDocument, GatewayDocument } from './combined-document';

const SERVICES = {
  REGISTRY_URL: 'http://registry.test',
  REPORTING_URL: 'http://reporting.test',
  SUBSIDY_URL: 'http://subsidy.test',
  MONITORING_URL: 'http://monitoring.test',
} as GatewayEnvironment;

const serviceDocument = { openapi: '3.0.0', paths: { '/things': { get: { responses: {} } } } };

describe('CombinedDocument', () => {
  let down: Set<string>;
  let fetched: string[];
  /** Services answer once it resolves. */
  let answering: Promise<void>;
  let combined: CombinedDocument;
  const services = async () => Object.keys((await combined.current()).paths as object).sort();
  const later = (ms: number) => jest.setSystemTime(Date.now() + ms);

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    down = new Set();
    fetched = [];
    answering = Promise.resolve();
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      const { host } = new URL(String(url));
      fetched.push(host);
      await answering;
      if (down.has(host)) throw new TypeError('fetch failed');
      return new Response(JSON.stringify(serviceDocument), { status: 200 });
    });
    combined = new CombinedDocument(SERVICES, new GatewayDocument());
  });

  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('asks each service once a minute at most, however many ask for it and however often', async () => {
    await Promise.all([combined.current(), combined.current(), combined.current()]);
    expect(fetched).toHaveLength(4);

    later(59_000);
    expect(await services()).toEqual([
      '/api/monitoring/things',
      '/api/registry/things',
      '/api/reporting/things',
      '/api/subsidy/things',
    ]);
    expect(fetched).toHaveLength(4);

    later(2_000);
    await combined.current();
    expect(fetched).toHaveLength(8);
  });

  it('leaves out a service that does not answer, and asks it again after ten seconds rather than a minute', async () => {
    down.add('monitoring.test');
    expect(await services()).not.toContain('/api/monitoring/things');

    later(9_000);
    await combined.current();
    expect(fetched).toHaveLength(4);

    down.clear();
    later(2_000);
    expect(await services()).toContain('/api/monitoring/things');
    expect(fetched).toHaveLength(8);
    // Complete again: kept a minute.
    later(30_000);
    await combined.current();
    expect(fetched).toHaveLength(8);
  });

  it('counts the time from the end of a build, and shares a build under way', async () => {
    let answer = () => undefined as void;
    answering = new Promise((resolve) => (answer = resolve));
    const first = combined.current();
    later(5_000);
    const meanwhile = combined.current();
    answer();
    expect(await meanwhile).toBe(await first);
    expect(fetched).toHaveLength(4);

    later(59_000);
    await combined.current();
    expect(fetched).toHaveLength(4);
  });
});
