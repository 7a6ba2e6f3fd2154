import { describe, expect, it } from 'vitest';
import type { Response } from 'playwright-core';
import { evidencePdf } from '../../seed/evidencePdf';
import { ApiClient } from '../support/api';
import { card, column, dragCard, useBoardSession } from './browser';

/**
 * Evidence files in Chromium against a real server: a unit head drops a PDF on the SUBMIT form and
 * sends the result with no text; the coordinator opens the card, opens the PDF from it (served
 * inline, from this origin, under the page's CSP) and then approves.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

describe('evidence files on the board', () => {
  it('a PDF dropped on the SUBMIT form goes with the result; the coordinator opens it before approving', async (ctx) => {
    const pdf = evidencePdf(['Bao cao ket qua nhiem vu 3.2', 'So 210/BC-HCTP']);
    const name = 'Báo cáo kết quả 3.2.pdf';

    const head = await session.openBoard(ctx, 'truongphong.hctp');
    await dragCard(head, '3.2', 'inReview');
    const form = head.getByTestId('move-form').locator('form');
    await form.waitFor();
    const dropped = await head.evaluateHandle(
      ({ base64, fileName }) => {
        const transfer = new DataTransfer();
        const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
        transfer.items.add(new File([bytes], fileName, { type: 'application/pdf' }));
        return transfer;
      },
      { base64: pdf.toString('base64'), fileName: name },
    );
    await form.dispatchEvent('dragover', { dataTransfer: dropped });
    await form.dispatchEvent('drop', { dataTransfer: dropped });
    await head.locator('[data-testid="upload-item"][data-state="done"]').waitFor();
    expect(await head.getByTestId('upload-item').textContent()).toContain(name);
    await head.getByTestId('move-confirm').click();
    await column(head, 'inReview').locator('[data-testid="card-3.2"]').waitFor();

    const reader = await ApiClient.login(session.server.url, 'vanphong');
    await expect.poll(async () => (await reader.plan()).tasks.find((t) => t.code === '3.2')?.state).toBe('inReview');
    const task = (await reader.plan()).tasks.find((t) => t.code === '3.2')!;
    expect(task.evidence).toBeUndefined();
    expect(task.files).toEqual([expect.objectContaining({ name, type: 'application/pdf', size: pdf.length, by: expect.objectContaining({ username: 'truongphong.hctp' }) })]);

    const coordinator = await session.openBoard(ctx, 'vanphong');
    await card(coordinator, '3.2').getByTestId('card-handle').click();
    const detail = coordinator.getByTestId('card-detail');
    await detail.waitFor();
    const link = detail.getByTestId('task-files').getByTestId('file-link');
    expect(await link.textContent()).toBe(name);
    expect(await detail.getByTestId('task-files').textContent()).toContain('truongphong.hctp');
    const served = coordinator.context().waitForEvent('response', (r: Response) => r.url().includes('/api/files/'));
    const [tab] = await Promise.all([coordinator.context().waitForEvent('page'), link.click()]);
    const response = await served;
    expect(response.status()).toBe(200);
    const headers = await response.allHeaders();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toMatch(/^inline; .*filename\*=UTF-8''/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(new URL(tab.url()).origin).toBe(session.server.url);
    // The tab shows Chromium's PDF viewer; the bytes it was served are read again with the same session.
    expect(Buffer.from(await (await coordinator.request.get(response.url())).body())).toEqual(pdf);
    await tab.close();

    await coordinator.getByTestId('card-detail').getByRole('button', { name: 'Đóng' }).first().click();
    await dragCard(coordinator, '3.2', 'done');
    await expect.poll(async () => (await reader.plan()).tasks.find((t) => t.code === '3.2')?.state).toBe('done');
  }, 120_000);
});
