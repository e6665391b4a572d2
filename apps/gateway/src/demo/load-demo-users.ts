import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Principal } from '@redmet/platform';
import { AppModule } from '../app.module';
import { TokenIssuer } from '../auth/token-issuer';
import { GatewayEnvironment } from '../gateway.environment';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

const SYSTEM = new Principal('demo-loader', ['admin'], null, 'Demo data loader');

/** Producers are bound to companies by id, which only the registry knows: ask it over HTTP. */
async function companyIdByInn(registryUrl: string, token: string, inn: string): Promise<string> {
  const response = await fetch(`${registryUrl}/companies?inn=${inn}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`registry answered ${response.status} for INN ${inn}`);
  const page = (await response.json()) as { items: { id: string }[] };
  if (!page.items[0]) throw new Error(`no company with INN ${inn} in the registry: load its demo data first`);
  return page.items[0].id;
}

/** Creates the demo accounts that are missing (npm start runs it after the registry's demo data). */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const environment = app.get(GatewayEnvironment);
    const token = await app
      .get(TokenIssuer)
      .issue({ id: SYSTEM.userId, roles: ['registry_admin'], companyId: null, displayName: 'demo' });
    const users = app.get(UsersService);
    let created = 0;
    for (const demo of DEMO_USERS) {
      if (await app.get(DataSource).manager.existsBy(User, { username: demo.username })) continue;
      const { companyInn, ...account } = demo;
      const companyId = companyInn ? await companyIdByInn(environment.REGISTRY_URL, token, companyInn) : undefined;
      await users.create({ ...account, password: DEMO_PASSWORD, companyId }, SYSTEM);
      created += 1;
    }
    console.log(
      `Demo users: ${created} created, ${DEMO_USERS.length - created} already there (password: ${DEMO_PASSWORD})`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
