import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/api';
import { dragCard, handle, screenshot, topBarItem, useBoardSession } from './browser';

/**
 * In Chromium: the board works under its strict Content-Security-Policy (no violation on load,
 * login, drag, card detail, the accounts screen), and the accounts screen works as a leader and as
 * another role.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

/** A page that records every CSP violation (DOM event and console report) from its first script on. */
async function watchedPage(context: BrowserContext, name: string, onFail: (f: () => Promise<void>) => void) {
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  onFail(() => screenshot(page, name));
  const violations = async () => [...console, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
  return { page, violations };
}

async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('Content-Security-Policy', () => {
  it('is strict, and the board runs under it: load, login, drag, card detail, accounts screen', async (ctx) => {
    const { page, violations } = await watchedPage(await session.newContext({ locale: 'vi-VN' }), 'csp', (f) => ctx.onTestFailed(f));
    const response = await page.goto(session.server.url);
    const csp = (await response!.allHeaders())['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');

    await logIn(page, 'giamdoc');
    await page.getByTestId('board').waitFor();
    await dragCard(page, '1.2', 'done', () => page.keyboard.press('Escape'));
    await handle(page, '1.2').click();
    await page.getByTestId('history').waitFor();
    await page.goto(`${session.server.url}/users`);
    await page.getByTestId('users-table').waitFor();
    expect(await violations()).toEqual([]);
  });
});

describe('the accounts screen', () => {
  it('a leader creates, disables and re-enables a user; the user changes their own password', async (ctx) => {
    const leader = await watchedPage(await session.newContext({ locale: 'vi-VN' }), 'users-leader', (f) => ctx.onTestFailed(f));
    await leader.page.goto(session.server.url);
    await logIn(leader.page, 'giamdoc');
    await (await topBarItem(leader.page, 'users-link')).click();
    const table = leader.page.getByTestId('users-table');
    await table.waitFor();
    expect(await leader.page.getByTestId('user-vanphong').textContent()).toContain('Đầu mối CCHC');

    // Create.
    await leader.page.getByTestId('new-username').fill('chuyenvien.hctp');
    await leader.page.getByTestId('new-name').fill('Chuyên viên Phòng Hành chính tư pháp');
    await leader.page.getByTestId('new-role').selectOption('unitHead');
    await leader.page.getByTestId('new-unit').selectOption('HCTP');
    await leader.page.getByTestId('new-password-initial').fill('123456');
    await leader.page.getByTestId('new-user-submit').click();
    expect(await leader.page.getByTestId('new-user-error').textContent()).toBe('Mật khẩu phải có ít nhất 10 ký tự.');
    await leader.page.getByTestId('new-password-initial').fill('Sông-Hương-núi-Ngự-1');
    await leader.page.getByTestId('new-user-submit').click();
    const row = leader.page.getByTestId('user-chuyenvien.hctp');
    await row.waitFor();
    expect(await row.getByTestId('user-status').textContent()).toBe('Đang hoạt động');

    // Disable: the user cannot log in.
    await row.getByTestId('toggle-disabled').click();
    await expect.poll(() => row.getByTestId('user-status').textContent()).toBe('Đã vô hiệu hóa');
    const user = await watchedPage(await session.newContext({ locale: 'vi-VN' }), 'users-self', (f) => ctx.onTestFailed(f));
    await user.page.goto(session.server.url);
    await logIn(user.page, 'chuyenvien.hctp', 'Sông-Hương-núi-Ngự-1');
    expect(await user.page.getByTestId('login-error').textContent()).toContain('vô hiệu hóa');

    // Enable: they log in and change their own password from the top bar.
    await row.getByTestId('toggle-disabled').click();
    await expect.poll(() => row.getByTestId('user-status').textContent()).toBe('Đang hoạt động');
    await logIn(user.page, 'chuyenvien.hctp', 'Sông-Hương-núi-Ngự-1');
    await user.page.getByTestId('board').waitFor();
    const link = await topBarItem(user.page, 'users-link');
    expect(await link.textContent()).toBe('Đổi mật khẩu');
    await link.click();
    await user.page.getByTestId('change-password').waitFor();
    expect(await user.page.getByTestId('users-table').count()).toBe(0);
    await user.page.getByTestId('current-password').fill('Sông-Hương-núi-Ngự-1');
    await user.page.getByTestId('new-password').fill('Đèo-Hải-Vân-mây-trắng');
    await user.page.getByTestId('confirm-password').fill('Đèo-Hải-Vân-mây-trắng');
    await user.page.getByTestId('change-password-submit').click();
    expect(await user.page.getByTestId('change-password-message').textContent()).toBe(
      'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.',
    );

    // The leader resets it again.
    await row.getByTestId('reset-password').click();
    await row.getByTestId('reset-password-input').fill('Phố-Hiến-đèn-lồng-7');
    await row.getByTestId('reset-password-save').click();
    await expect.poll(() => leader.page.getByTestId('users-message').textContent()).toContain('Đã đặt lại mật khẩu cho chuyenvien.hctp');
    expect(await leader.violations()).toEqual([]);
    expect(await user.violations()).toEqual([]);
  });
});
