import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Screenshots of every page a test visits, for people to look at (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, '../artifacts');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** A new tab; each user of a test gets their own context, so sessions never mix. */
  page: Page;
  /** Uncaught errors in the page and failed console messages: a test expects none. */
  errors: string[];
  close: () => Promise<void>;
}

/** Debian's headless Chromium with a fresh profile that is removed afterwards. */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'redmet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A refused request is the browser logging a 4xx the page handles and shows; anything else is a fault.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh browser for each test of the suite, closed after it with no page error, and the platform stopped
 * after the last test: a test reads its browser with the function returned.
 */
export function browserForEachTest(stopPlatform: () => Promise<void>): () => Browser {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await stopPlatform();
  });
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser?.close();
    expect(browser?.errors).toEqual([]);
  });
  return () => {
    if (!browser) throw new Error('the browser is opened before each test, not outside one');
    return browser;
  };
}

/** Saves the whole page as `<name>.png` under test/browser/artifacts. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the console's login form. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('button', { name: 'Выйти' }).waitFor();
}
