import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { TaskState } from '../../machines/task';
import { ApiClient } from '../support/api';
import { startServer } from '../support/server';
import { announcement, card, column, dragCard, dragCardTo, handle, keyboardDragReady, login, screenshot, topBarItem, useBoardSession } from './browser';

/**
 * The board as a person uses it, in Chromium against a real server on a fresh DATA_DIR seeded with
 * the reference plan (its 28 tasks, 18 done, and the demo inspection's remediation task KT1.1, counted apart). Tests share the server and run in order; each moves a
 * different task so none depends on another's outcome, except that the done count stays 18 until
 * the live-progress test.
 */

/** A fixed clock, so overdue badges do not depend on the day the tests run. */
const NOW = '2026-11-23T10:00:00+07:00';

const session = useBoardSession({ TIENDO_NOW: NOW });
const openBoard = session.openBoard;
let reader: ApiClient;

beforeAll(async () => {
  reader = await ApiClient.login(session.server.url, 'giamdoc');
});

async function apiTask(code: string) {
  const plan = await reader.plan();
  const task = plan.tasks.find((t) => t.code === code);
  if (!task) throw new Error(`no task ${code}`);
  return task;
}

/** Task events the page posts, so a test can prove nothing was sent. */
function recordEventPosts(page: Page): Request[] {
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/tasks\/[^/]+\/events$/.test(request.url())) posts.push(request);
  });
  return posts;
}

/**
 * Waits until a request the page makes now has been seen. Playwright reports a page's requests in
 * the order it makes them, so any move the page had sent before is in `posts` by then: an explicit
 * point at which "nothing was sent" can be checked, instead of a sleep.
 */
async function requestsSettled(page: Page): Promise<void> {
  const marker = `/api/health?settled=${Math.random().toString(36).slice(2)}`;
  await Promise.all([page.waitForRequest((r) => r.url().endsWith(marker)), page.evaluate((url) => fetch(url).then(() => undefined), marker)]);
}

const stateOfCard = (page: Page, code: string) => card(page, code).getAttribute('data-state');
const inColumn = (page: Page, state: TaskState, code: string) => column(page, state).locator(`[data-testid="card-${code}"]`);

describe('board', () => {
  it('shows the user, the plan columns and the progress header', async (ctx) => {
    const page = await openBoard(ctx, 'truongphong.hctp');
    await expect.poll(() => page.getByTestId('user-role').textContent()).toBe('Trưởng đơn vị');
    expect(await page.getByTestId('user-unit').textContent()).toContain('HCTP');
    expect(await page.getByTestId('progress-completion').textContent()).toBe('18/28 nhiệm vụ · 64,29%');
    expect(await column(page, 'done').getByTestId('column-count').textContent()).toBe('18');
    expect(await inColumn(page, 'notStarted', '6.4').count()).toBe(1);
    // Deadline dd/MM/yyyy, owning unit code and the overdue badge (30/06/2026 has passed).
    const text = await card(page, '6.4').textContent();
    expect(text).toContain('30/06/2026');
    expect(text).toContain('CC1');
    expect(await card(page, '6.4').getByTestId('badge-overdue').textContent()).toBe('Quá hạn');

    // The optional English board, and back.
    await (await topBarItem(page, 'language')).click();
    await expect.poll(() => page.getByTestId('progress-completion').textContent()).toBe('18/28 tasks · 64.29%');
    expect(await column(page, 'inProgress').locator('h2').textContent()).toBe('In progress');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('[id^="DndDescribedBy"]').first().textContent()).toContain('press Space');
    await (await topBarItem(page, 'language')).click();
    await expect.poll(() => page.getByTestId('progress-completion').textContent()).toBe('18/28 nhiệm vụ · 64,29%');
    expect(await column(page, 'inProgress').locator('h2').textContent()).toBe('Đang thực hiện');
  });

  it('shows the board as it stood on a past date, read only, and comes back to today', async (ctx) => {
    const page = await openBoard(ctx, 'truongphong.hctp');
    const header = page.getByTestId('progress-completion');
    await expect.poll(() => header.textContent()).toBe('18/28 nhiệm vụ · 64,29%');

    // By 30/06/2026 nine tasks had been approved (demoHistory); 3.2 had not been started yet.
    await page.getByTestId('filter-as-of').fill('2026-06-30');
    await expect.poll(() => header.textContent()).toBe('9/28 nhiệm vụ · 32,14%');
    expect(await page.getByTestId('past-banner').textContent()).toContain('30/06/2026');
    await inColumn(page, 'notStarted', '3.2').waitFor();
    expect(await column(page, 'done').getByTestId('column-count').textContent()).toBe('9');
    // Nothing moves in the past: no drag starts, the menu offers nothing.
    const box = (await handle(page, '3.2').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 300, box.y + 40, { steps: 10 });
    expect(await page.getByTestId('board').getAttribute('data-dragging')).toBe('false');
    await page.mouse.up();
    await card(page, '3.2').getByTestId('move-button').click();
    expect(await card(page, '3.2').getByRole('menuitem').count()).toBe(0);

    await page.getByTestId('as-of-today').click();
    await expect.poll(() => header.textContent()).toBe('18/28 nhiệm vụ · 64,29%');
    await inColumn(page, 'inProgress', '3.2').waitFor();
    expect(await page.getByTestId('past-banner').count()).toBe(0);

    // A day before the plan existed is refused with the server's message, and the board stays on today.
    await page.getByTestId('filter-as-of').fill('2025-06-30');
    const alert = page.getByTestId('toast-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Kế hoạch chưa được lập');
    await expect.poll(() => page.getByTestId('filter-as-of').inputValue()).toBe('');
    expect(await header.textContent()).toBe('18/28 nhiệm vụ · 64,29%');
  });

  it('refuses a wrong password, resumes a session on reload, and logs out', async (ctx) => {
    const context = await session.newContext();
    const page = await context.newPage();
    ctx.onTestFailed(() => screenshot(page, ctx.task.name));
    await page.goto(session.server.url);
    await page.getByTestId('login-username').fill('vanphong');
    await page.getByTestId('login-password').fill('sai-mat-khau');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);

    await login(page, session.server.url, 'vanphong');
    expect(await page.getByTestId('user-name').textContent()).toBe('Văn phòng Sở (đầu mối CCHC)');
    expect(await page.getByTestId('user-role').textContent()).toBe('Đầu mối CCHC');
    await page.reload();
    await page.getByTestId('board').waitFor(); // GET /api/me resumed the session
    expect(await page.getByTestId('login-form').count()).toBe(0);

    await (await topBarItem(page, 'logout')).click();
    await page.getByTestId('login-form').waitFor();
    await page.reload();
    await page.getByTestId('login-form').waitFor();
    const me = await context.request.get(`${session.server.url}/api/me`);
    expect(me.status()).toBe(401);
  });

  it('(a) a unit head drags their notStarted card to Đang thực hiện with the mouse', async (ctx) => {
    // In the seed, the only notStarted tasks are 6.4 (CC1) and 7.5 (VP); every HCTP task has started.
    expect((await apiTask('6.4')).state).toBe('notStarted');
    const page = await openBoard(ctx, 'truongphong.cc1');
    // One shared draggable serves every card; each handle still says what dnd-kit's would.
    const grip = handle(page, '6.4');
    expect(await grip.getAttribute('role')).toBe('button');
    expect(await grip.getAttribute('aria-roledescription')).toBe('thẻ nhiệm vụ kéo được');
    const instructions = page.locator(`[id="${await grip.getAttribute('aria-describedby')}"]`);
    expect(await instructions.textContent()).toContain('phím cách');
    await dragCard(page, '6.4', 'inProgress', async () => {
      expect(await column(page, 'inProgress').getAttribute('data-drop-disabled')).toBe('false');
      expect(await column(page, 'done').getAttribute('data-drop-disabled')).toBe('true');
      // The card being dragged, and no other, stays faded in its column, its handle pressed.
      expect(await page.locator('.card[data-dragging]').count()).toBe(1);
      expect(await card(page, '6.4').getAttribute('data-dragging')).toBe('');
      expect(await grip.getAttribute('aria-pressed')).toBe('true');
    });
    await inColumn(page, 'inProgress', '6.4').waitFor();
    await expect.poll(async () => (await apiTask('6.4')).state, { timeout: 5000 }).toBe('inProgress');
    const history = await reader.json<Array<{ type: string; by: { username: string } }>>('GET', '/api/tasks/stp-2026-6.4/history');
    expect(history.body.at(-1)).toMatchObject({ type: 'START', by: { username: 'truongphong.cc1' } });
  });

  it('(b) the same move with the keyboard: focus, Space, arrow, Space, with Vietnamese announcements', async (ctx) => {
    expect((await apiTask('7.5')).state).toBe('notStarted');
    const page = await openBoard(ctx, 'truongphong.vp');
    const instructions = await page.locator('[id^="DndDescribedBy"]').first().textContent();
    expect(instructions).toContain('phím cách');
    // Every announcement dnd-kit's live region makes, in order (each replaces the previous one).
    await page.evaluate(() => {
      const log: string[] = ((window as unknown as { announced: string[] }).announced = []);
      new MutationObserver(() => {
        const text = document.querySelector('[id^="DndLiveRegion"]')?.textContent;
        if (text && log.at(-1) !== text) log.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const announced = () => page.evaluate(() => (window as unknown as { announced: string[] }).announced.join('\n'));

    await handle(page, '7.5').focus();
    await page.keyboard.press('Space');
    await expect.poll(announced).toContain('Đã nhấc nhiệm vụ 7.5 từ cột Chưa thực hiện.');
    // dnd-kit starts listening for arrows and measures the columns just after the pick-up; a person
    // never presses within that moment, a test under load might.
    await keyboardDragReady(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(announced).toContain('Nhiệm vụ 7.5 đang ở trên cột Đang thực hiện.');
    await page.keyboard.press('Space');
    await expect.poll(announced).toContain('Đã thả nhiệm vụ 7.5 vào cột Đang thực hiện.');

    await inColumn(page, 'inProgress', '7.5').waitFor();
    await expect.poll(async () => (await apiTask('7.5')).state, { timeout: 5000 }).toBe('inProgress');
  });

  it('(c) the SUBMIT form refuses an empty evidence field and sends nothing', async (ctx) => {
    const before = await apiTask('3.2');
    expect(before.state).toBe('inProgress');
    const page = await openBoard(ctx, 'truongphong.hctp');
    const posts = recordEventPosts(page);

    await dragCard(page, '3.2', 'inReview');
    const form = page.getByTestId('move-form');
    await form.waitFor();
    await page.getByTestId('move-confirm').click();
    const error = page.getByTestId('move-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Vui lòng nhập tài liệu kiểm chứng hoặc đính kèm ít nhất một tệp.');
    expect(await error.getAttribute('role')).toBe('alert');
    // Blank is empty too.
    await page.getByTestId('move-input').fill('   ');
    await page.getByTestId('move-confirm').click();
    await error.waitFor();
    expect(await form.isVisible()).toBe(true);
    await requestsSettled(page);
    expect(posts).toHaveLength(0);
    expect(await stateOfCard(page, '3.2')).toBe('inProgress');
    const after = await apiTask('3.2');
    expect(after).toMatchObject({ state: 'inProgress', version: before.version });

    // With evidence the same form sends the move, and the evidence is stored.
    await page.getByTestId('move-input').fill('Báo cáo số 200/BC-HCTP ngày 20/11/2026');
    await page.getByTestId('move-confirm').click();
    await inColumn(page, 'inReview', '3.2').waitFor();
    await expect.poll(async () => (await apiTask('3.2')).state, { timeout: 5000 }).toBe('inReview');
    expect(posts).toHaveLength(1);
    expect(posts[0].postDataJSON()).toMatchObject({ type: 'SUBMIT', expectedVersion: before.version });
    // A fresh retry key with each move (README, Retries).
    expect(posts[0].headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    expect((await apiTask('3.2')).evidence).toBe('Báo cáo số 200/BC-HCTP ngày 20/11/2026');
  });

  it("(d) a unit head cannot drop another unit's card: the columns are disabled and nothing changes", async (ctx) => {
    const before = await apiTask('2.3'); // owned by PBGDPL
    expect(before.state).toBe('inProgress');
    const page = await openBoard(ctx, 'truongphong.hctp');
    const posts = recordEventPosts(page);

    // Their own card, for contrast: Chờ duyệt accepts it.
    await dragCard(page, '3.4', 'inReview', async () => {
      expect(await column(page, 'inReview').getAttribute('data-drop-disabled')).toBe('false');
      await page.keyboard.press('Escape');
    });
    // Cancelled: the card is itself again, and the next drag picks up the card pressed.
    expect(await card(page, '3.4').getAttribute('data-dragging')).toBeNull();
    expect(await handle(page, '3.4').getAttribute('aria-pressed')).toBeNull();

    await dragCard(page, '2.3', 'inReview', async () => {
      expect(await card(page, '2.3').getAttribute('data-dragging')).toBe('');
      const target = column(page, 'inReview');
      expect(await target.getAttribute('data-drop-disabled')).toBe('true');
      expect(await target.getAttribute('class')).toContain('is-disabled');
      expect(await target.textContent()).toContain('Không được chuyển vào cột này');
      expect(await column(page, 'done').getAttribute('data-drop-disabled')).toBe('true');
      expect(await column(page, 'notStarted').getAttribute('data-drop-disabled')).toBe('true');
    });
    await requestsSettled(page);
    expect(posts).toHaveLength(0);
    expect(await page.getByTestId('move-form').count()).toBe(0);
    expect(await inColumn(page, 'inProgress', '2.3').count()).toBe(1);
    expect(await apiTask('2.3')).toMatchObject({ state: 'inProgress', version: before.version });
    // And the menu offers no move for it.
    await card(page, '2.3').getByTestId('move-button').click();
    expect(await card(page, '2.3').textContent()).toContain('Bạn không có bước chuyển nào');
  });

  it('(e) the leader sees the header percentage change live when someone approves a task', async (ctx) => {
    const page = await openBoard(ctx, 'giamdoc');
    const header = page.getByTestId('progress-completion');
    await expect.poll(() => header.textContent()).toBe('18/28 nhiệm vụ · 64,29%');
    const onTimeBefore = Number(await page.getByTestId('count-ontime').locator('strong').textContent());

    const coordinator = await ApiClient.login(session.server.url, 'vanphong');
    const task = await apiTask('1.2');
    expect(task.state).toBe('inReview');
    const res = await coordinator.send('1.2', { type: 'APPROVE', expectedVersion: task.version });
    expect(res.status).toBe(200);

    await expect.poll(() => header.textContent(), { timeout: 5000 }).toBe('19/28 nhiệm vụ · 67,86%');
    await inColumn(page, 'done', '1.2').waitFor({ timeout: 2000 });
    expect(Number(await page.getByTestId('count-ontime').locator('strong').textContent())).toBe(onTimeBefore + 1);
    expect(await card(page, '1.2').getByTestId('badge-ontime').count()).toBe(1);
  });

  it('the leader cancels a task on the cancel drop zone, with a reason; cancelled tasks show under a filter', async (ctx) => {
    const before = await apiTask('2.1');
    expect(before.state).toBe('inProgress');
    const page = await openBoard(ctx, 'giamdoc');
    expect(await page.getByTestId('cancel-zone').count()).toBe(0);
    expect(await column(page, 'cancelled').count()).toBe(0);

    await dragCardTo(page, '2.1', page.getByTestId('cancel-zone'));
    await page.getByTestId('move-form').waitFor();
    expect(await page.getByTestId('move-form').textContent()).toContain('Hủy nhiệm vụ');
    await page.getByTestId('move-confirm').click();
    expect(await page.getByTestId('move-error').textContent()).toBe('Vui lòng nhập lý do.');
    await page.getByTestId('move-input').fill('Điều chỉnh kế hoạch theo Quyết định số 99/QĐ-STP');
    await page.getByTestId('move-confirm').click();

    await expect.poll(async () => (await apiTask('2.1')).state, { timeout: 5000 }).toBe('cancelled');
    await card(page, '2.1').waitFor({ state: 'detached' });
    // 19 done of the plan's 28 − 1 cancelled (KT1.1 apart).
    await expect.poll(() => page.getByTestId('progress-completion').textContent()).toBe('19/27 nhiệm vụ · 70,37%');
    await page.getByTestId('filter-cancelled').check();
    await inColumn(page, 'cancelled', '2.1').waitFor();

    // The detail shows the history with the reason, in Vietnamese state labels and dd/MM/yyyy HH:mm.
    await handle(page, '2.1').click();
    const history = page.getByTestId('history');
    await history.waitFor();
    const last = history.locator('tbody tr').last();
    expect(await last.textContent()).toContain('Đang thực hiện → Đã hủy');
    expect(await last.textContent()).toContain('Lý do: Điều chỉnh kế hoạch theo Quyết định số 99/QĐ-STP');
    expect(await last.locator('td').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('REOPEN through the "Chuyển sang…" menu and RETURN with the keyboard both ask for a reason', async (ctx) => {
    expect((await apiTask('1.1')).state).toBe('done');
    const leader = await openBoard(ctx, 'giamdoc');
    await card(leader, '1.1').getByTestId('move-button').click();
    const options = card(leader, '1.1').getByRole('menuitem');
    expect(await options.allTextContents()).toEqual(['Đang thực hiện (Mở lại)']);
    await options.first().click();
    await leader.getByTestId('move-form').waitFor();
    await leader.getByTestId('move-input').fill('Bổ sung kết quả theo yêu cầu của UBND tỉnh');
    await leader.getByTestId('move-confirm').click();
    await inColumn(leader, 'inProgress', '1.1').waitFor();
    await expect.poll(async () => (await apiTask('1.1')).state, { timeout: 5000 }).toBe('inProgress');
    expect((await apiTask('1.1')).completedAt).toBeUndefined();
    await expect.poll(() => leader.getByTestId('progress-completion').textContent()).toBe('18/27 nhiệm vụ · 66,67%');

    expect((await apiTask('3.3')).state).toBe('inReview');
    const coordinator = await openBoard(ctx, 'vanphong');
    await handle(coordinator, '3.3').focus();
    await coordinator.keyboard.press('Space');
    await keyboardDragReady(coordinator);
    await coordinator.keyboard.press('ArrowLeft');
    // Dropped only once dnd-kit says the card is over the column, not after a guessed delay.
    await expect.poll(() => announcement(coordinator), { timeout: 5000 }).toContain('Nhiệm vụ 3.3 đang ở trên cột Đang thực hiện.');
    await coordinator.keyboard.press('Space');
    await coordinator.getByTestId('move-form').waitFor();
    expect(await coordinator.getByTestId('move-form').locator('h2').textContent()).toBe('Trả lại: nhiệm vụ 3.3');
    await coordinator.keyboard.type('Thiếu số liệu quý IV');
    await coordinator.getByTestId('move-confirm').click();
    await expect.poll(async () => (await apiTask('3.3')).state, { timeout: 5000 }).toBe('inProgress');
    // The leader's board follows without reloading, with the moves the leader (not the mover) may make.
    await inColumn(leader, 'inProgress', '3.3').waitFor({ timeout: 2000 });
    await card(leader, '3.3').getByTestId('move-button').click();
    expect(await card(leader, '3.3').getByRole('menuitem').allTextContents()).toEqual(['Đã hủy (Hủy nhiệm vụ)']);
  });

  it('rolls a refused move back with a Vietnamese alert', async (ctx) => {
    const context = await session.newContext();
    // Keep this board deaf to the stream so it still shows a stale version when the user moves.
    await context.route('**/api/stream', (route) => route.abort());
    const page = await context.newPage();
    ctx.onTestFailed(() => screenshot(page, ctx.task.name));
    await login(page, session.server.url, 'truongphong.hctp');
    await inColumn(page, 'inProgress', '3.4').waitFor();

    const head = await ApiClient.login(session.server.url, 'truongphong.hctp');
    const coordinator = await ApiClient.login(session.server.url, 'vanphong');
    const v = (await apiTask('3.4')).version;
    expect((await head.send('3.4', { type: 'SUBMIT', expectedVersion: v, evidence: 'Văn bản 1' })).status).toBe(200);
    expect((await coordinator.send('3.4', { type: 'RETURN', expectedVersion: v + 1, reason: 'Thiếu số liệu' })).status).toBe(200);

    await card(page, '3.4').getByTestId('move-button').click();
    await card(page, '3.4').getByTestId('move-SUBMIT').click();
    // The answer is held back, so the card stays awaiting the server for as long as the test needs.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/api/tasks/*/events', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('move-input').fill('Văn bản 2');
    await page.getByTestId('move-confirm').click();

    // A card whose move awaits the server cannot be picked up: no drag handle, no drag starts.
    await inColumn(page, 'inReview', '3.4').and(page.locator('[aria-busy="true"]')).waitFor();
    const grip = handle(page, '3.4');
    expect(await grip.getAttribute('aria-disabled')).toBe('true');
    expect(await grip.getAttribute('data-drag-task')).toBeNull();
    await grip.scrollIntoViewIfNeeded();
    const box = (await grip.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x - 300, box.y + 40, { steps: 10 });
    expect(await page.getByTestId('board').getAttribute('data-dragging')).toBe('false');
    await page.mouse.up();
    await grip.focus();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('board').getAttribute('data-dragging')).toBe('false');
    release();

    const alert = page.getByTestId('toast-error');
    await alert.waitFor({ timeout: 5000 });
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toMatch(/^Không chuyển được nhiệm vụ 3\.4: .+/);
    await inColumn(page, 'inProgress', '3.4').waitFor();
    expect(await apiTask('3.4')).toMatchObject({ state: 'inProgress', version: v + 2 });
  });

  it('after a server restart the board reconnects and catches up on what it missed', async (ctx) => {
    const port = await freePort();
    let restarted = await startServer({ env: { TIENDO_NOW: NOW, PORT: String(port) } });
    const context = await session.newContext();
    const page = await context.newPage();
    ctx.onTestFailed(() => screenshot(page, ctx.task.name));
    try {
      await login(page, restarted.url, 'giamdoc');
      const header = page.getByTestId('progress-completion');
      await expect.poll(() => header.textContent()).toBe('18/28 nhiệm vụ · 64,29%');

      // Hold the stream down across the restart, so the change below cannot arrive as a live event.
      let refusedStreams = 0;
      await context.route('**/api/stream', (route) => {
        refusedStreams++;
        return route.abort();
      });
      await restarted.stop();
      await page.getByTestId('offline').waitFor({ timeout: 5000 });
      restarted = await startServer({ dataDir: restarted.dataDir, env: { TIENDO_NOW: NOW, PORT: String(port) } });
      const coordinator = await ApiClient.login(restarted.url, 'vanphong');
      const version = (await coordinator.plan()).tasks.find((t) => t.code === '1.2')!.version;
      const refusedBefore = refusedStreams;
      expect((await coordinator.send('1.2', { type: 'APPROVE', expectedVersion: version })).status).toBe(200);
      // The board has tried its stream again since the change, been refused, and still shows the old count.
      await expect.poll(() => refusedStreams, { timeout: 10_000 }).toBeGreaterThan(refusedBefore);
      await requestsSettled(page);
      expect(await header.textContent()).toBe('18/28 nhiệm vụ · 64,29%');

      await context.unroute('**/api/stream');
      await expect.poll(() => header.textContent(), { timeout: 8000 }).toBe('19/28 nhiệm vụ · 67,86%');
      await inColumn(page, 'done', '1.2').waitFor();
      await page.getByTestId('offline').waitFor({ state: 'detached' });
    } finally {
      await restarted.stop();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
