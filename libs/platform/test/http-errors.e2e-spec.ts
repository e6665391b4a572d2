import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Injectable, Module, Param, Post, UploadedFile } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import {
  FileUpload,
  PlatformEnvironment,
  PlatformModule,
  ProvidesReadiness,
  type ReadinessIndicator,
  Roles,
  UuidParam,
} from '@redmet/platform';
import { createTestDatabase, startTestApp, type TestDatabase, TestAuth } from '@redmet/testing';

class Address {
  @IsString()
  city: string;
}

class ThingDto {
  @IsString()
  name: string;

  @IsInt()
  count: number;

  @ValidateNested()
  @Type(() => Address)
  address: Address;
}

/** Statements whose values a client chose, as a service's code would run them with input the DTO let through. */
const UNCHECKED_INPUT: Record<string, [string, unknown[]]> = {
  'not a uuid': ['SELECT * FROM thing WHERE id = $1', ['42']],
  'out of range': ['INSERT INTO thing (id, count) VALUES (gen_random_uuid(), $1)', [2 ** 40]],
  'too long': ['INSERT INTO thing (id, code) VALUES (gen_random_uuid(), $1)', ['ABCDEFGHIJ']],
  'NUL byte': ['INSERT INTO thing (id, code) VALUES (gen_random_uuid(), $1)', ['A\u0000']],
  'check violated': ['INSERT INTO thing (id, count) VALUES (gen_random_uuid(), $1)', [-1]],
  duplicate: ["INSERT INTO thing (id, code) VALUES (gen_random_uuid(), 'TAKEN')", []],
  'unknown parent': ['INSERT INTO thing (id, parent_id) VALUES (gen_random_uuid(), gen_random_uuid())', []],
};

@Controller('things')
class ThingsController {
  constructor(private readonly dataSource: DataSource) {}

  @Post()
  create(@Body() dto: ThingDto) {
    return dto;
  }

  @Post('upload')
  @FileUpload('a file')
  upload(@UploadedFile() file: { size: number }) {
    return { size: file.size };
  }

  @Post('approvals')
  @Roles('registry_admin')
  approve() {
    return { approved: true };
  }

  @Get('unchecked/:case')
  unchecked(@Param('case') name: string) {
    return this.dataSource.query(...UNCHECKED_INPUT[name]);
  }

  @Get(':id')
  get(@UuidParam('id') id: string) {
    return { id };
  }
}

class TestEnvironment extends PlatformEnvironment {}

/** A dependency the test takes down. */
@ProvidesReadiness()
@Injectable()
class Broker implements ReadinessIndicator {
  up = true;

  constructor(private readonly health: HealthIndicatorService) {}

  async isReady() {
    const indicator = this.health.check('broker');
    return this.up ? indicator.up() : indicator.down({ message: 'no broker answers' });
  }
}

@Module({
  imports: [
    TerminusModule,
    PlatformModule.forRoot({
      service: 'deposit-registry',
      environment: TestEnvironment,
      defaults: { PORT: 0 },
      schema: { entities: [], migrations: [] },
    }),
  ],
  controllers: [ThingsController],
  providers: [Broker],
})
class ThingsModule {}

describe('platform HTTP: every client mistake is a 4xx problem with the correlation id', () => {
  const auth = new TestAuth().install();
  let database: TestDatabase;
  let app: NestExpressApplication;
  let base: string;
  let bearer: string;

  beforeAll(async () => {
    database = await createTestDatabase('platform_http');
    Object.assign(process.env, { DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    app = await startTestApp(ThingsModule, { title: 'things', description: 'platform test' });
    await app.get(DataSource).query(`
      CREATE TABLE thing (
        id uuid PRIMARY KEY, code varchar(8) UNIQUE, count int CHECK (count >= 0), parent_id uuid REFERENCES thing
      );
      INSERT INTO thing (id, code) VALUES (gen_random_uuid(), 'TAKEN')`);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    bearer = await auth.bearer({ roles: ['registry_admin'] });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: {
        authorization: bearer,
        'content-type': 'application/json',
        'x-correlation-id': 'corr-7',
        ...init.headers,
      },
    });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  };

  it.each([
    ['not a uuid', 400],
    ['out of range', 400],
    ['too long', 400],
    ['NUL byte', 400],
    ['check violated', 400],
    ['duplicate', 409],
    ['unknown parent', 409],
  ])('answers a PostgreSQL refusal of the input (%s) with %i, without SQL', async (name, status) => {
    const answer = await send(`/things/unchecked/${encodeURIComponent(name)}`);
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ correlationId: 'corr-7' });
    expect(answer.body).not.toMatch(/INSERT|SELECT|\bthing\b|TAKEN|ABCDEFGHIJ/);
  });

  it.each([
    ['a list for a nested object', 400, '{"name": "a", "count": 1, "address": [{"city": "Murmansk"}]}'],
    ['a body nested 10,000 deep', 400, `{"name": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['a prototype key', 400, '{"name": "a", "count": 1, "address": {"city": "Kirovsk"}, "__proto__": {"admin": true}}'],
    ['malformed JSON', 400, '{"name": '],
    ['a body over the limit', 413, JSON.stringify({ name: 'x'.repeat(2_000_000) })],
  ])('answers %s with %i', async (_case, status, body) => {
    const answer = await send('/things', { method: 'POST', body });
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ status, correlationId: 'corr-7' });
  });

  it('refuses a body it cannot read (not JSON) with 415, rather than take it for no body', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await send('/things', {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"name": "a"}',
      });
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.body)).toMatchObject({
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        correlationId: 'corr-7',
      });
    }
    const form = () => {
      const data = new FormData();
      data.append('file', new Blob(['year,product\n']), 'trade.csv');
      data.append('name', 'a');
      return data;
    };
    const upload = await fetch(`${base}/things/upload`, {
      method: 'POST',
      headers: { authorization: bearer },
      body: form(),
    });
    expect(await upload.json()).toEqual({ size: 13 });
    // Only an upload route reads a form: anywhere else its fields would go unread.
    const elsewhere = await fetch(`${base}/things`, {
      method: 'POST',
      headers: { authorization: bearer },
      body: form(),
    });
    expect(elsewhere.status).toBe(415);
    expect(await elsewhere.json()).toMatchObject({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers a failed readiness check with the report naming what failed, not a generic problem', async () => {
    const broker = app.get(Broker);
    broker.up = false;
    try {
      const answer = await fetch(`${base}/health/ready`);
      expect(answer.status).toBe(503);
      expect(await answer.json()).toMatchObject({
        status: 'error',
        error: { broker: { status: 'down', message: 'no broker answers' } },
        info: { database: { status: 'up' } },
      });
    } finally {
      broker.up = true;
    }
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('does not say which framework answers', async () => {
    const answer = await fetch(`${base}/things/not-a-uuid`, { headers: { authorization: bearer } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('counts each answer once under its route and the status it was sent with, refusals and unknown paths too', async () => {
    const counts = async () => {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      return (method: string, route: string, status: number) =>
        Number(
          metrics.match(
            `_count\\{service="deposit-registry",method="${method}",route="${route}",status="${status}"\\} (\\d+)`,
          )?.[1] ?? 0,
        );
    };
    const before = await counts();
    const producer = await auth.bearer({ roles: ['producer'] });
    await send('/things/not-a-uuid');
    await send('/things/unchecked/duplicate');
    await send('/things', { method: 'POST', body: '{"name": "a"}' });
    await send('/things', { method: 'POST', body: '{"name": ' });
    await send(`/things/${randomUUID()}`, { headers: { authorization: '' } });
    await send('/things/approvals', { method: 'POST', headers: { authorization: producer } });
    await send('/things/approvals', { method: 'POST' });
    await send(`/no-such-thing/${randomUUID()}`);
    await send(`/no-such-thing/${randomUUID()}/at/all`);
    const after = await counts();

    const counted = (method: string, route: string, status: number) =>
      after(method, route, status) - before(method, route, status);
    expect({
      invalidId: counted('GET', '/things/:id', 400),
      conflict: counted('GET', '/things/unchecked/:case', 409),
      invalidBody: counted('POST', '/things', 400),
      created: counted('POST', '/things', 201),
      unparsableBody: counted('POST', 'unmatched', 400),
      noToken: counted('GET', '/things/:id', 401),
      wrongRole: counted('POST', '/things/approvals', 403),
      allowed: counted('POST', '/things/approvals', 201),
      unknownPaths: counted('GET', 'unmatched', 404),
    }).toEqual({
      invalidId: 1,
      conflict: 1,
      invalidBody: 1,
      created: 0,
      unparsableBody: 1,
      noToken: 1,
      wrongRole: 1,
      allowed: 1,
      unknownPaths: 2,
    });
  });
});
