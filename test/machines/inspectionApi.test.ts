import { describe, expect, it } from 'vitest';
import { CreateInspectionBody, FindingBody, FindingEventBody, InspectionEventBody } from '../../machines/inspectionApi';

const path = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((i) => i.path.join('.'));

describe('inspection request schemas', () => {
  it('CreateInspectionBody takes API.md’s shape and names a bad field', () => {
    const body = {
      planId: 'kh-cchc-2026',
      title: 'Kiểm tra',
      targetUnitId: 'HCTP',
      scheduledOn: '2026-09-15',
      teamUserIds: ['u1'],
      leadUserId: 'u1',
    };
    expect(CreateInspectionBody.safeParse(body).success).toBe(true);
    expect(path(CreateInspectionBody.safeParse({ ...body, scheduledOn: '15/09/2026' }))).toEqual(['scheduledOn']);
    expect(path(CreateInspectionBody.safeParse({ ...body, teamUserIds: [] }))).toEqual(['teamUserIds']);
    expect(path(CreateInspectionBody.safeParse({ ...body, title: '  ' }))).toEqual(['title']);
  });

  it('InspectionEventBody refuses RECORD_FINDING (it has its own route) and a half conclusion', () => {
    expect(InspectionEventBody.safeParse({ type: 'NOTIFY' }).success).toBe(true);
    expect(path(InspectionEventBody.safeParse({ type: 'RECORD_FINDING' }))).toEqual(['type']);
    expect(
      path(InspectionEventBody.safeParse({ type: 'CONCLUDE', conclusion: { strengths: 'a', shortcomings: 'b' } })),
    ).toEqual(['conclusion.recommendations']);
    expect(path(InspectionEventBody.safeParse({ type: 'CONCLUDE', remediationDeadline: '2026-02-30' }))).toEqual([
      'remediationDeadline',
    ]);
  });

  it('FindingBody needs area, description and recommendation', () => {
    const ok = FindingBody.safeParse({ areaId: 'a3', description: 'd', recommendation: 'r', createTask: true });
    expect(ok.success && ok.data.createTask).toBe(true);
    expect(path(FindingBody.safeParse({ areaId: 'a3', description: 'd' }))).toEqual(['recommendation']);
    expect(path(FindingBody.safeParse({ areaId: 'a3', description: 'd', recommendation: 'r', createTask: 'yes' }))).toEqual([
      'createTask',
    ]);
  });

  it('FindingEventBody takes the finding events only', () => {
    expect(FindingEventBody.safeParse({ type: 'VERIFY', expectedVersion: 2 }).success).toBe(true);
    expect(path(FindingEventBody.safeParse({ type: 'CLOSE' }))).toEqual(['type']);
    expect(path(FindingEventBody.safeParse({ type: 'VERIFY', expectedVersion: -1 }))).toEqual(['expectedVersion']);
  });
});
