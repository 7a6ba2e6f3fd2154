import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID } from '../support/api';
import { userId } from '../support/inspections';
import { card, login, screenshot, useBoardSession } from './browser';

/**
 * Every page at an agency laptop's 1366 × 768 and a 390 × 844 phone (mobile emulation, touch):
 * nothing scrolls sideways, the top bar is one line, axe (WCAG 2 A/AA) finds nothing; the phone
 * board flow of a unit head; dd/MM/yyyy dates under an English browser. Each page's screenshot is
 * kept in test-results/layout-*.png for a person to look at.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

const SIZES: Record<'laptop' | 'phone', BrowserContextOptions> = {
  laptop: { viewport: { width: 1366, height: 768 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

/** The pages, as who may see them and what shows they are ready. Add a page here and every check runs on it. */
const PAGES: Array<{ path: string; user: string; ready: string }> = [
  { path: '/', user: 'truongphong.hctp', ready: '[data-testid="board"]' },
  { path: '/', user: 'giamdoc', ready: '[data-testid="board"]' },
  { path: '/dashboard', user: 'truongphong.hctp', ready: '[data-testid="dashboard"]' },
  { path: '/plans/current', user: 'vanphong', ready: '[data-testid="plan-page"]' },
  { path: '/reviews', user: 'giamdoc', ready: '.page-title' },
  { path: '/inspections', user: 'thanhtra', ready: '[data-testid="inspections"]' },
  { path: '/inspections/stp-2026-kt1', user: 'thanhtra', ready: '[data-testid="inspection-detail"]' },
  { path: '/users', user: 'giamdoc', ready: '[data-testid="users-table"]' },
  { path: '/users', user: 'truongphong.hctp', ready: '[data-testid="users-screen"]' },
  { path: '/par', user: 'vanphong', ready: '.page-title' },
  { path: '/notifications', user: 'truongphong.hctp', ready: '.page-title' },
  { path: '/notifications/preferences', user: 'truongphong.hctp', ready: '.page-title' },
  { path: '/api/docs', user: 'giamdoc', ready: 'main' },
];

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function open(size: keyof typeof SIZES, user: string, extra: BrowserContextOptions = {}): Promise<Page> {
  const context = await session.newContext({ locale: 'vi-VN', ...SIZES[size], ...extra });
  const page = await context.newPage();
  await login(page, session.server.url, user);
  return page;
}

/** Elements wider than their box that cut content off or make the page scroll sideways. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const wide: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) wide.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('body, .app, main, .page-main, header, .topbar, .filters, .board, .dashboard, section')) {
      const style = getComputedStyle(el);
      if (style.display === 'none') continue;
      if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll') {
        wide.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return wide;
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays as it is.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  });
  return violations;
}

describe.each(Object.keys(SIZES) as Array<keyof typeof SIZES>)('at %s size', (size) => {
  it.each(PAGES)('$path as $user: no sideways scrolling, the top bar on one line, no axe violation', async ({ path, user, ready }) => {
    const page = await open(size, user);
    await page.goto(session.server.url + path);
    await page.locator(ready).first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, `layout-${size}-${path}-${user}`);
    expect(await overflow(page)).toEqual([]);
    if (path !== '/api/docs' && path !== '/users') {
      const bar = await page.locator('.topbar').boundingBox();
      // One line: the bar is as tall as its tallest item (the 44 px menu button), never two rows.
      expect(bar!.height).toBeLessThan(60);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);
});

describe('on a phone, a unit head', () => {
  it('sees their own unit, one column with the switch and its counts, moves a task through the menu, opens the detail full screen', async () => {
    const page = await open('phone', 'truongphong.hctp');
    // Own unit: the filter is on and every card is the unit's.
    await page.getByTestId('filters-toggle').click();
    expect(await page.getByTestId('filter-mine').isChecked()).toBe(true);
    await page.getByTestId('filters-toggle').click();
    const switcher = page.getByTestId('column-switch');
    expect(await switcher.isVisible()).toBe(true);
    expect(await page.getByTestId('switch-inProgress').textContent()).toMatch(/Đang thực hiện\s*\d+/);
    await page.getByTestId('switch-inProgress').click();
    expect(await page.getByTestId('column-inProgress').isVisible()).toBe(true);
    expect(await page.getByTestId('column-done').isVisible()).toBe(false);
    const units = await page.getByTestId('column-inProgress').locator('.card-unit').allTextContents();
    expect(units.length).toBeGreaterThan(0);
    expect(units.filter((u) => !u.startsWith('HCTP'))).toEqual([]);
    // The first screen shows a card.
    const first = await card(page, '3.4').boundingBox();
    expect(first!.y + 40).toBeLessThan(844);

    // Touch targets: the top bar, the switch, the move button.
    for (const target of [page.getByTestId('topbar-menu'), page.getByTestId('switch-done'), card(page, '3.4').getByTestId('move-button'), page.getByTestId('filters-toggle')]) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }

    const inReview = async () => Number((await page.getByTestId('switch-inReview').locator('.switch-count').textContent())!.replace(/\D/g, ''));
    const before = await inReview();
    await card(page, '3.4').getByTestId('move-button').click();
    await card(page, '3.4').getByTestId('move-SUBMIT').click();
    await page.getByTestId('move-input').fill('Báo cáo số 45/BC-HCTP');
    await page.getByTestId('move-confirm').click();
    await expect.poll(inReview, { timeout: 10_000 }).toBe(before + 1);
    await page.getByTestId('switch-inReview').click();
    await card(page, '3.4').getByTestId('card-handle').click();
    const detail = page.getByTestId('card-detail');
    await detail.waitFor();
    const box = (await detail.boundingBox())!;
    expect(Math.round(box.width)).toBe(390);
    expect(Math.round(box.height)).toBeGreaterThanOrEqual(800);
    await screenshot(page, 'layout-phone-card-detail');
    expect(await axeViolations(page)).toEqual([]);

    // The pages are in the menu, each a finger's size.
    await page.keyboard.press('Escape');
    await page.getByTestId('topbar-menu').click();
    const link = page.getByTestId('menu-nav-dashboard');
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await link.click();
    await page.getByTestId('dashboard').waitFor();
    await page.context().close();
  }, 90_000);
});

describe('on a phone, an inspection team member', () => {
  it('records a finding on site: the form fits the screen, its fields do not make the browser zoom', async () => {
    const [leader, head, inspector] = await Promise.all(['giamdoc', 'truongphong.tgpl', 'thanhtra'].map((u) => ApiClient.login(session.server.url, u)));
    const created = await leader.json<any>('POST', '/api/inspections', {
      planId: PLAN_ID, title: 'Kiểm tra tại chỗ', targetUnitId: 'TGPL', scheduledOn: '2026-11-23', teamUserIds: [userId('thanhtra')], leadUserId: userId('thanhtra'),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.inspection.id;
    for (const [api, body] of [[leader, { type: 'NOTIFY' }], [head, { type: 'SUBMIT_SELF_REPORT', report: 'Báo cáo' }], [inspector, { type: 'START_FIELDWORK' }]] as const) {
      const res = await api.json<any>('POST', `/api/inspections/${id}/events`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    const page = await open('phone', 'thanhtra');
    await page.goto(`${session.server.url}/inspections/${encodeURIComponent(id)}`);
    await page.getByTestId('step-RECORD_FINDING').click();
    const form = page.getByTestId('form-RECORD_FINDING');
    await form.waitFor();
    for (const field of await form.locator('input:visible, select:visible, textarea:visible').all()) {
      const box = (await field.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      if ((await field.getAttribute('type')) !== 'checkbox') {
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(parseFloat(await field.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
      }
    }
    expect(await overflow(page)).toEqual([]);
    await page.getByTestId('form-RECORD_FINDING-description').fill('Chưa niêm yết thủ tục tại bộ phận một cửa');
    await page.getByTestId('form-RECORD_FINDING-recommendation').fill('Niêm yết đủ, đúng mẫu');
    await page.getByTestId('form-RECORD_FINDING-deadline').fill('15/12/2026');
    await screenshot(page, 'layout-phone-record-finding');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('form-RECORD_FINDING-submit').click();
    await expect.poll(() => page.getByTestId('findings').textContent(), { timeout: 10_000 }).toContain('Chưa niêm yết thủ tục');
    const findings = (await inspector.json<any>('GET', `/api/inspections/${id}`)).body.findings;
    expect(findings.map((f: any) => f.deadline)).toEqual(['2026-12-15']);
    await page.context().close();
  }, 90_000);
});

describe('dates under an English-language browser', () => {
  it('read and write dd/MM/yyyy, typed, with the same validation message', async () => {
    const page = await open('laptop', 'vanphong', { locale: 'en-US' });
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.goto(`${session.server.url}/dashboard`);
    const field = page.getByTestId('dashboard-asof');
    await field.fill('14/03/2026');
    await expect.poll(() => page.getByTestId('dashboard-completion').textContent(), { timeout: 10_000 }).toMatch(/\/28 nhiệm vụ/);
    expect(await field.inputValue()).toBe('14/03/2026');

    await field.fill('03/14/2026');
    expect(await field.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2026.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('1/3/2026');
    await field.blur();
    expect(await field.inputValue()).toBe('01/03/2026');
    expect(await field.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('');
    await screenshot(page, 'layout-dates-en-US');
    await page.context().close();
  }, 60_000);
});

