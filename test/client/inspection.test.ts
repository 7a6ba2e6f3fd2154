import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, PLAN_ID } from '../support/api';
import { card, column, dragCard, useBoardSession } from './browser';

/**
 * The inspection cycle as the people in it live it, each in their own browser: the inspector
 * records a finding with a remediation task; it appears on the inspected unit head's open board
 * without reload; the unit completes it (the coordinator approves) and reports remediation with
 * evidence; the inspector verifies; the lead closes — while the leader's open inspections page
 * follows every step live.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

async function openPage(ctx: Parameters<typeof session.openBoard>[0], username: string, path: string): Promise<Page> {
  const page = await session.openBoard(ctx, username);
  await page.goto(`${session.server.url}${path}`);
  return page;
}

describe('an inspection from finding to close, live in every browser', () => {
  it('finding with a task → the unit’s board → remediation → verified → closed, the leader watching', async (ctx) => {
    const coordinator = await ApiClient.login(session.server.url, 'vanphong');
    const send = async (api: ApiClient, id: string, body: Record<string, unknown>) => {
      const res = await api.json<any>('POST', `/api/inspections/${id}/events`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const created = await coordinator.json<any>('POST', '/api/inspections', {
      planId: PLAN_ID, title: 'Kiểm tra CCHC tại Phòng Trợ giúp pháp lý', decisionNo: '610/QĐ-STP', targetUnitId: 'TGPL',
      scheduledOn: '2026-11-20', teamUserIds: ['u-vanphong', 'u-thanhtra'], leadUserId: 'u-vanphong',
    });
    expect(created.status).toBe(201);
    const id: string = created.body.inspection.id;
    await send(coordinator, id, { type: 'NOTIFY' });
    await send(await ApiClient.login(session.server.url, 'truongphong.tgpl'), id, { type: 'SUBMIT_SELF_REPORT', report: 'Báo cáo tự kiểm tra' });
    await send(coordinator, id, { type: 'START_FIELDWORK' });

    const leaderList = await openPage(ctx, 'giamdoc', '/inspections');
    const row = leaderList.locator(`[data-testid="inspection-row"][data-inspection-id="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('fieldwork');
    expect(await row.getByTestId('count-open').textContent()).toBe('0');

    const unitBoard = await session.openBoard(ctx, 'truongphong.tgpl');
    const inspector = await openPage(ctx, 'thanhtra', `/inspections/${id}`);
    await inspector.getByTestId('inspection-detail').waitFor();

    // The inspector records a finding with "tạo nhiệm vụ khắc phục".
    await inspector.getByTestId('step-RECORD_FINDING').click();
    await inspector.getByTestId('form-RECORD_FINDING-areaId').selectOption('area-3');
    await inspector.getByTestId('form-RECORD_FINDING-description').fill('Chưa niêm yết số điện thoại đường dây nóng');
    await inspector.getByTestId('form-RECORD_FINDING-recommendation').fill('Niêm yết tại Bộ phận Một cửa');
    await inspector.getByTestId('form-RECORD_FINDING-createTask').check();
    await inspector.getByTestId('form-RECORD_FINDING-submit').click();
    await inspector.locator('[data-testid="finding-row"][data-state="open"]').waitFor();

    // It is on the unit head's open board, without reload, marked with its inspection.
    const code = 'KT2.1';
    await column(unitBoard, 'notStarted').locator(`[data-testid="card-${code}"]`).waitFor({ timeout: 5000 });
    expect(await card(unitBoard, code).getByTestId('card-source').textContent()).toBe('Từ kiểm tra 610/QĐ-STP');
    await expect.poll(() => row.getByTestId('count-open').textContent(), { timeout: 5000 }).toBe('1');

    await send(coordinator, id, {
      type: 'CONCLUDE', conclusion: { strengths: 'Đầy đủ', shortcomings: 'Chưa niêm yết', recommendations: 'Niêm yết' },
    });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 5000 }).toBe('concluded');

    // The unit does the work on the board; the coordinator approves it.
    await dragCard(unitBoard, code, 'inProgress');
    await column(unitBoard, 'inProgress').locator(`[data-testid="card-${code}"]`).waitFor({ timeout: 5000 });
    await dragCard(unitBoard, code, 'inReview');
    await unitBoard.getByTestId('move-input').fill('Ảnh chụp bảng niêm yết');
    await unitBoard.getByTestId('move-confirm').click();
    await column(unitBoard, 'inReview').locator(`[data-testid="card-${code}"]`).waitFor({ timeout: 5000 });
    const approved = await coordinator.json<any>('POST', `/api/tasks/${PLAN_ID}-${code}/events`, { type: 'APPROVE' });
    expect(approved.status).toBe(200);
    // (The done column is virtualised and long: the card may be outside its window.)
    await column(unitBoard, 'inReview').locator(`[data-testid="card-${code}"]`).waitFor({ state: 'detached', timeout: 5000 });

    // The unit head reports remediation with evidence on the inspection's page.
    const unitPage = await openPage(ctx, 'truongphong.tgpl', `/inspections/${id}`);
    await unitPage.getByTestId('finding-step-REPORT_REMEDIATION').click();
    await unitPage.getByTestId('finding-form-REPORT_REMEDIATION-evidence').fill('Biên bản niêm yết ngày 23/11/2026');
    await unitPage.getByTestId('finding-form-REPORT_REMEDIATION-submit').click();
    await unitPage.locator('[data-testid="finding-row"][data-state="remediated"]').waitFor({ timeout: 5000 });
    await expect.poll(() => row.getByTestId('count-remediated').textContent(), { timeout: 5000 }).toBe('1');

    // The inspector's open page offers VERIFY now (the task is done): verify.
    await inspector.getByTestId('finding-step-VERIFY').click({ timeout: 5000 });
    await inspector.locator('[data-testid="finding-row"][data-state="verified"]').waitFor({ timeout: 5000 });
    await expect.poll(() => row.getByTestId('count-verified').textContent(), { timeout: 5000 }).toBe('1');

    // The lead closes it.
    const lead = await openPage(ctx, 'vanphong', `/inspections/${id}`);
    await lead.getByTestId('step-CLOSE').click();
    await lead.locator('[data-testid="inspection-detail"][data-state="closed"]').waitFor({ timeout: 5000 });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 5000 }).toBe('closed');
    expect(await lead.getByTestId('inspection-state').textContent()).toBe('Đã kết thúc');

    // Its conclusion notice prints in the shared official layout.
    await lead.goto(`${session.server.url}/print/inspections/${id}`);
    const notice = lead.getByTestId('official-document');
    await notice.waitFor();
    const text = (await notice.innerText()).replace(/\s+/g, ' ');
    for (const part of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'THÔNG BÁO', 'Quyết định số 610/QĐ-STP', 'Chưa niêm yết số điện thoại đường dây nóng']) {
      expect(text).toContain(part);
    }
  }, 120_000);
});
