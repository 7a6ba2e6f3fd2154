import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../server/engine/engine';
import { EmbeddedStore } from '../../../server/store/embedded/embeddedStore';
import { openApp } from '../../support/inProcessApp';

/** Units and areas edited as data, through the log; tasks keep their ids and their history. */
let env: Awaited<ReturnType<typeof openApp>>;
let leader: Awaited<ReturnType<typeof env.as>>;
let office: Awaited<ReturnType<typeof env.as>>;
let hctp: Awaited<ReturnType<typeof env.as>>;
const PLAN = 'stp-2026';
const url = `/api/plans/${PLAN}/catalogue`;

beforeAll(async () => {
  env = await openApp('2026-11-23T03:00:00Z');
  [leader, office, hctp] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.hctp'].map((u) => env.as(u)));
});
afterAll(() => env?.close().catch(() => undefined));

describe('POST /api/plans/:planId/catalogue', () => {
  it('refuses a unit head (403) and an unknown unit (400), changing nothing', async () => {
    const before = await office.json('GET', `/api/plans/${PLAN}`);
    const refused = await hctp.json('POST', url, { type: 'RENAME_UNIT', unitId: 'HCTP', name: 'Tên mới' });
    expect(refused.status).toBe(403);
    const bad = await office.json('POST', url, { type: 'MERGE_UNITS', fromUnitId: 'NOPE', intoUnitId: 'HCTP' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Đơn vị «NOPE» không có trong kế hoạch.');
    const wrongType = await office.json('POST', url, { type: 'DELETE_UNIT', unitId: 'HCTP' });
    expect(wrongType.status).toBe(400);
    expect((await office.json('GET', `/api/plans/${PLAN}`)).body).toEqual(before.body);
  });

  it('renames a unit and an area', async () => {
    const res = await office.json('POST', url, { type: 'RENAME_UNIT', unitId: 'HCTP', name: 'Phòng Hành chính và Bổ trợ tư pháp' });
    expect(res.status).toBe(200);
    expect(res.body.plan.units.find((u: any) => u.id === 'HCTP')).toEqual({ id: 'HCTP', code: 'HCTP', name: 'Phòng Hành chính và Bổ trợ tư pháp' });
    const area = await leader.json('POST', url, { type: 'RENAME_AREA', areaId: 'area-1', name: 'Công tác chỉ đạo, điều hành' });
    expect(area.body.plan.areas[0].name).toBe('Công tác chỉ đạo, điều hành');
  });

  it('merges PBGDPL into HCTP: its tasks move with their history; the past still shows the old owner', async () => {
    const historyBefore = (await leader.json('GET', `/api/tasks/${PLAN}-2.3/history`)).body;
    const res = await leader.json('POST', url, { type: 'MERGE_UNITS', fromUnitId: 'PBGDPL', intoUnitId: 'HCTP' });
    expect(res.status).toBe(200);
    expect(res.body.plan.units.map((u: any) => u.id)).not.toContain('PBGDPL');
    const moved = res.body.plan.tasks.filter((t: any) => ['1.2', '2.3'].includes(t.code));
    expect(moved.map((t: any) => t.ownerUnitId)).toEqual(['HCTP', 'HCTP']);
    expect(res.body.plan.tasks.some((t: any) => t.coordinatingUnitIds.includes('PBGDPL'))).toBe(false);
    expect((await leader.json('GET', `/api/tasks/${PLAN}-2.3/history`)).body).toEqual(historyBefore);
    const progress = (await leader.json('GET', `/api/plans/${PLAN}/progress`)).body;
    expect(progress.byUnit.map((u: any) => u.unitId)).not.toContain('PBGDPL');

    // HCTP's head now owns 2.3 and may submit it.
    const submit = await hctp.json('POST', `/api/tasks/${PLAN}-2.3/events`, { type: 'SUBMIT', evidence: 'Báo cáo 12/BC' });
    expect(submit.status, JSON.stringify(submit.body)).toBe(200);

    const past = (await leader.json('GET', `/api/plans/${PLAN}?asOf=2026-06-30`)).body;
    expect(past.tasks.find((t: any) => t.code === '2.3').ownerUnitId).toBe('PBGDPL');
  });

  it('is in the log: a restarted engine, without snapshots, replays the merged catalogue', async () => {
    await env.engine.close();
    rmSync(join(env.dataDir, 'plans'), { recursive: true, force: true });
    const reopened = await Engine.open({ store: await EmbeddedStore.open(env.dataDir) });
    try {
      const plan = reopened.getPlan(PLAN);
      expect(plan.units.map((u) => u.id)).not.toContain('PBGDPL');
      expect(plan.tasks[`${PLAN}-1.2`].machine.context.ownerUnitId).toBe('HCTP');
      expect(plan.units.find((u) => u.id === 'HCTP')!.name).toBe('Phòng Hành chính và Bổ trợ tư pháp');
    } finally {
      await reopened.close();
    }
  });
});
