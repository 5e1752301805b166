import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Debian's Chromium, which `.ci/run` installs when missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`;

/** Screenshots of the main views, kept after the run (gitignored). */
export const ARTIFACTS = resolve('test-artifacts/dashboard');

export interface Browser {
  readonly page: Page;
  newPage(): Promise<Page>;
  /** Saves a screenshot under test-artifacts/dashboard/, and into docs/ when EVENTLOOM_UPDATE_SCREENSHOTS=1. */
  screenshot(page: Page, name: string, options?: { docs?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile and nothing running in the background; every page error fails the test run. */
export async function launchBrowser(errors: string[]): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'eventloom-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1400, height: 900 },
  });
  const watch = (page: Page) => {
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
    });
    return page;
  };
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    page,
    newPage: async () => watch(await context.newPage()),
    screenshot: async (shown, name, options = {}) => {
      const path = join(ARTIFACTS, `${name}.png`);
      await shown.screenshot({ path });
      if (options.docs && process.env.EVENTLOOM_UPDATE_SCREENSHOTS === '1') copyFileSync(path, resolve(`docs/dashboard-${name}.png`));
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
