import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, type TestContext } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import type { TaskState } from '../../machines/task';
import { DEMO_PASSWORD } from '../support/api';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS_DIR = `${ROOT}test-results`;

/** The server serves dist/client; build it so the browser tests never run a stale board. */
export async function buildClient(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: `${ROOT}vite.config.ts`, mode: 'production', logLevel: 'error' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * One seeded server (on a fresh DATA_DIR, with `env`) and one Chromium for a test file; every
 * context opened through it is closed with them.
 */
export function useBoardSession(env: Record<string, string>) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([buildClient().then(() => startServer({ env })), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await server?.stop();
  });
  const session = {
    get server(): RunningServer {
      if (!server) throw new Error('board session not started');
      return server;
    },
    async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
      if (!browser) throw new Error('board session not started');
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
      contexts.push(context);
      return context;
    },
    /** A logged-in board; a failing test keeps its screenshot. */
    async openBoard(ctx: TestContext, username: string): Promise<Page> {
      const page = await (await session.newContext({ locale: 'vi-VN' })).newPage();
      ctx.onTestFailed(() => screenshot(page, `${ctx.task.name}-${username}`));
      await login(page, session.server.url, username);
      return page;
    },
  };
  return session;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: `${RESULTS_DIR}/${name.replace(/[^\w.-]+/g, '_')}.png`, fullPage: true }).catch(() => {});
}

export async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('board').waitFor();
}

export const card = (page: Page, code: string) => page.locator(`[data-testid="card-${code}"]`);
export const handle = (page: Page, code: string) => card(page, code).getByTestId('card-handle');
export const column = (page: Page, state: TaskState) => page.getByTestId(`column-${state}`);

async function center(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

/**
 * A real mouse drag: dnd-kit's mouse sensor only activates after the pointer moves past its
 * activation distance, so move in steps. The target is located once the drag has started (the
 * cancel zone only exists while dragging). `whileOver` runs with the card held over the target.
 */
export async function dragCardTo(
  page: Page,
  code: string,
  target: Locator,
  whileOver?: () => Promise<void>,
): Promise<void> {
  await handle(page, code).scrollIntoViewIfNeeded();
  const from = await center(handle(page, code));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 8, { steps: 4 });
  await page.getByTestId('board').and(page.locator('[data-dragging="true"]')).waitFor({ timeout: 2000 });
  const to = await center(target);
  const y = Math.min(to.y, to.box.y + 120);
  await page.mouse.move(to.x, y, { steps: 12 });
  await page.mouse.move(to.x + 4, y + 4, { steps: 2 });
  if (whileOver) await whileOver();
  await page.mouse.up();
  await clicksGetThrough(page);
}

/**
 * dnd-kit swallows every click for 50 ms after a pointer drag ends (so a drop is not also a click);
 * on a loaded machine a test's next click can land in that window and be lost. Waits, frame by
 * frame, until a probe click on the page's body gets through again.
 */
export async function clicksGetThrough(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      let through = false;
      const seen = () => (through = true);
      document.body.addEventListener('click', seen);
      document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      document.body.removeEventListener('click', seen);
      return through;
    },
    undefined,
    { polling: 'raf', timeout: 5000 },
  );
}

export function dragCard(page: Page, code: string, to: TaskState, whileOver?: () => Promise<void>): Promise<void> {
  return dragCardTo(page, code, column(page, to), whileOver);
}

/**
 * After a keyboard pick-up (Space on a card's handle), waits until dnd-kit takes arrow keys: its
 * KeyboardSensor adds its keydown listener in a `setTimeout(0)` after the pick-up, and measures the
 * columns in an effect after the drag-start render. The board marks the drag (data-dragging); a
 * task queued after two more frames runs after both, on the page's own event loop, however
 * loaded the machine is: no wall-clock wait.
 */
export async function keyboardDragReady(page: Page): Promise<void> {
  await page.getByTestId('board').and(page.locator('[data-dragging="true"]')).waitFor({ timeout: 5000 });
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)))));
}

/** The text dnd-kit's live region announces now (each announcement replaces the previous one). */
export const announcement = (page: Page) => page.locator('[id^="DndLiveRegion"]').first().textContent();
