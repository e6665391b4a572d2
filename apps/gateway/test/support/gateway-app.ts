import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createTestDatabase, TestAuth, type TestDatabase } from '@redmet/testing';
import { AppModule } from '../../src/app.module';
import { configureGateway } from '../../src/gateway.api';
import { UsersService } from '../../src/users/users.service';
import { Principal } from '@redmet/platform';
import type { Role } from '@redmet/contracts';

export interface GatewayTestApp {
  app: NestExpressApplication;
  auth: TestAuth;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Creates an account through the service, as an administrator would. */
  createUser: (username: string, password: string, roles: Role[], companyId?: string) => Promise<string>;
  close: () => Promise<void>;
}

const ADMIN = new Principal('test-admin', ['admin'], null, 'Test administrator');

/**
 * The gateway as production runs it, on a fresh database and the real broker, signing with a test
 * key; settings via the environment. Given another instance's database, a
 * second instance beside it, which leaves the database to the first to drop.
 */
export async function startGateway(
  settings: Record<string, string> = {},
  beside?: Pick<GatewayTestApp, 'database'>,
): Promise<GatewayTestApp> {
  const database: TestDatabase = beside?.database ?? (await createTestDatabase('gateway'));
  const auth = new TestAuth().install();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    OUTBOX_POLL_INTERVAL_MS: '200',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...settings,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureGateway(app);
  await app.init();
  return {
    app,
    auth,
    database,
    http: () => request(app.getHttpServer()),
    createUser: async (username, password, roles, companyId) =>
      (await app.get(UsersService).create({ username, displayName: username, password, roles, companyId }, ADMIN)).id,
    close: async () => {
      await app.close();
      if (!beside) await database.drop();
      for (const key of Object.keys(settings)) delete process.env[key];
    },
  };
}
