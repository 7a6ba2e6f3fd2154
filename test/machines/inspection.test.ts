import { describe, expect, it } from 'vitest';
import {
  FINDING_EVENT_TYPES,
  FINDING_STATES,
  INSPECTION_EVENT_TYPES,
  INSPECTION_MACHINE_VERSION,
  INSPECTION_STATES,
  type FindingEvent,
  type FindingEventType,
  type FindingState,
  type InspectionEvent,
  type InspectionEventType,
  type InspectionState,
  type PersistedFindingMachine,
  type PersistedInspectionMachine,
} from '../../machines/inspection';
import {
  allowedFindingEvents,
  allowedInspectionEvents,
  decideCreateInspection,
  decideFindingEvent,
  decideInspectionEvent,
  decideRecordFinding,
  persistFinding,
  persistInspection,
  restoreFinding,
  restoreInspection,
} from '../../machines/inspectionDecision';
import type { Actor } from '../../machines/roles';
import { actor, coordinator, headOf, inspector, leader, viewer } from './actors';
import { expectOracle } from './oracle';

const AT = '2026-09-30T09:00:00+07:00';
const TARGET = 'HCTP';
const otherCoordinator = actor('coordinator', 'VP', 'vanphong.pho');
const outsider = actor('inspector', 'TTR', 'thanhtra2');

/** The reference team: the coordinator `vanphong` leads, the inspector `thanhtra` is a member. */
const BASE: PersistedInspectionMachine['context'] = {
  planId: 'kh-cchc-2026',
  title: 'Kiểm tra công tác CCHC năm 2026 tại Phòng Hành chính tư pháp',
  decisionNo: '432/QĐ-STP',
  targetUnitId: TARGET,
  scheduledOn: '2026-09-15',
  teamUserIds: [coordinator.id, inspector.id],
  leadUserId: coordinator.id,
};

function inspection(
  value: InspectionState,
  context: Partial<PersistedInspectionMachine['context']> = {},
): PersistedInspectionMachine {
  return { v: INSPECTION_MACHINE_VERSION, value, context: { ...BASE, ...context } };
}

const FINDING: PersistedFindingMachine['context'] = {
  areaId: 'a3',
  description: 'Còn 13 hồ sơ cấp Phiếu lý lịch tư pháp trễ hạn',
  recommendation: 'Gửi thư xin lỗi theo quy định',
  deadline: '2026-10-15',
};

function finding(value: FindingState, context: Partial<PersistedFindingMachine['context']> = {}): PersistedFindingMachine {
  return { v: INSPECTION_MACHINE_VERSION, value, context: { ...FINDING, ...context } };
}

const CONCLUSION = {
  strengths: 'Triển khai kịp thời kế hoạch CCHC',
  shortcomings: 'Còn hồ sơ trễ hạn',
  recommendations: 'Theo dõi hồ sơ trên hệ thống',
};

function ev(type: InspectionEventType, by: Actor, extra: Partial<InspectionEvent> = {}): InspectionEvent {
  return {
    type,
    actor: by,
    at: AT,
    unverifiedFindings: 0,
    report: 'Báo cáo tự kiểm tra số 12/BC-HCTP',
    conclusion: CONCLUSION,
    reason: 'Theo chỉ đạo của Giám đốc Sở',
    finding: { areaId: 'a3', description: FINDING.description, recommendation: FINDING.recommendation },
    ...extra,
  };
}

function fev(type: FindingEventType, by: Actor, extra: Partial<FindingEvent> = {}): FindingEvent {
  return { type, actor: by, at: AT, taskDone: true, evidence: 'Công văn số 45/HCTP', reason: 'Chưa đủ hồ sơ', ...extra };
}

/*
 * The oracle: PRODUCT.md's inspection cycle and API.md's "who may send what", written out again
 * here independently of machines/inspection.ts.
 */
const MOVES: Record<InspectionState, Partial<Record<InspectionEventType, InspectionState>>> = {
  planned: { NOTIFY: 'notified', CANCEL: 'cancelled' },
  notified: { SUBMIT_SELF_REPORT: 'selfReported', CANCEL: 'cancelled' },
  selfReported: { START_FIELDWORK: 'fieldwork', CANCEL: 'cancelled' },
  fieldwork: { RECORD_FINDING: 'fieldwork', CONCLUDE: 'concluded', CANCEL: 'cancelled' },
  concluded: { CLOSE: 'closed', CANCEL: 'cancelled' },
  closed: {},
  cancelled: {},
};

const FINDING_MOVES: Record<FindingState, Partial<Record<FindingEventType, FindingState>>> = {
  open: { REPORT_REMEDIATION: 'remediated' },
  remediated: { VERIFY: 'verified', REJECT: 'open' },
  verified: {},
};

interface Member {
  actor: Actor;
  may: InspectionEventType[];
  mayOnFindings: FindingEventType[];
}

const CAST: Record<string, Member> = {
  leader: { actor: leader, may: ['NOTIFY', 'CANCEL'], mayOnFindings: [] },
  'coordinator leading the team': {
    actor: coordinator,
    may: ['NOTIFY', 'START_FIELDWORK', 'RECORD_FINDING', 'CONCLUDE', 'CLOSE', 'CANCEL'],
    mayOnFindings: ['VERIFY', 'REJECT'],
  },
  'coordinator off the team': { actor: otherCoordinator, may: ['NOTIFY', 'CANCEL'], mayOnFindings: [] },
  'inspector on the team': { actor: inspector, may: ['START_FIELDWORK', 'RECORD_FINDING'], mayOnFindings: ['VERIFY', 'REJECT'] },
  'inspector off the team': { actor: outsider, may: [], mayOnFindings: [] },
  'inspected unit head': { actor: headOf(TARGET), may: ['SUBMIT_SELF_REPORT'], mayOnFindings: ['REPORT_REMEDIATION'] },
  'head of another unit': { actor: headOf('XDKT'), may: [], mayOnFindings: [] },
  'unit head without a unit': { actor: actor('unitHead', null), may: [], mayOnFindings: [] },
  viewer: { actor: viewer, may: [], mayOnFindings: [] },
};
const WHO = Object.keys(CAST);

const expectedAllowed = (state: InspectionState, who: string): InspectionEventType[] =>
  INSPECTION_EVENT_TYPES.filter((t) => CAST[who].may.includes(t) && MOVES[state][t] !== undefined);

const expectedFindingAllowed = (state: FindingState, inspectionState: InspectionState, who: string): FindingEventType[] =>
  inspectionState !== 'concluded'
    ? []
    : FINDING_EVENT_TYPES.filter((t) => CAST[who].mayOnFindings.includes(t) && FINDING_MOVES[state][t] !== undefined);

describe('decideInspectionEvent: every state × event × actor against the product table', () => {
  const grid = INSPECTION_STATES.flatMap((state) =>
    INSPECTION_EVENT_TYPES.filter((t) => t !== 'RECORD_FINDING').flatMap((type) => WHO.map((who) => ({ state, type, who }))),
  );
  it.each(grid)('$state + $type by $who', ({ state, type, who }) => {
    const next = expectOracle(decideInspectionEvent(inspection(state), ev(type, CAST[who].actor)), {
      mayEver: CAST[who].may.includes(type),
      to: MOVES[state][type],
      allowed: expectedAllowed(state, who),
      version: INSPECTION_MACHINE_VERSION,
    });
    if (next) expect(next.context).toMatchObject(BASE);
  });
});

describe('decideRecordFinding: every state × actor', () => {
  const grid = INSPECTION_STATES.flatMap((state) => WHO.map((who) => ({ state, who })));
  it.each(grid)('$state, recorded by $who', ({ state, who }) => {
    const { type: _type, ...event } = ev('RECORD_FINDING', CAST[who].actor);
    const decision = decideRecordFinding(inspection(state), event);
    if (!CAST[who].may.includes('RECORD_FINDING')) {
      expect(decision).toEqual({ ok: false, code: 'forbidden' });
    } else if (state !== 'fieldwork') {
      expect(decision).toEqual({ ok: false, code: 'transition_not_allowed', allowed: expectedAllowed(state, who) });
    } else {
      expect(decision).toEqual({
        ok: true,
        next: {
          v: INSPECTION_MACHINE_VERSION,
          value: 'open',
          context: { areaId: 'a3', description: FINDING.description, recommendation: FINDING.recommendation },
        },
      });
    }
  });
});

describe('allowedInspectionEvents: every state × actor', () => {
  const cells = INSPECTION_STATES.flatMap((state) => WHO.map((who) => ({ state, who })));
  it.each(cells)('$state, $who', ({ state, who }) => {
    expect(allowedInspectionEvents(inspection(state), CAST[who].actor, { unverifiedFindings: 0 })).toEqual(
      expectedAllowed(state, who),
    );
  });

  it('spells out the cases the screens rely on', () => {
    const none = { unverifiedFindings: 0 };
    expect(allowedInspectionEvents(inspection('planned'), coordinator, none)).toEqual(['NOTIFY', 'CANCEL']);
    expect(allowedInspectionEvents(inspection('notified'), headOf(TARGET), none)).toEqual(['SUBMIT_SELF_REPORT']);
    expect(allowedInspectionEvents(inspection('notified'), headOf('XDKT'), none)).toEqual([]);
    expect(allowedInspectionEvents(inspection('selfReported'), inspector, none)).toEqual(['START_FIELDWORK']);
    expect(allowedInspectionEvents(inspection('fieldwork'), inspector, none)).toEqual(['RECORD_FINDING']);
    expect(allowedInspectionEvents(inspection('fieldwork'), outsider, none)).toEqual([]);
    expect(allowedInspectionEvents(inspection('fieldwork'), coordinator, none)).toEqual(['RECORD_FINDING', 'CONCLUDE', 'CANCEL']);
    expect(allowedInspectionEvents(inspection('concluded'), coordinator, none)).toEqual(['CLOSE', 'CANCEL']);
    expect(allowedInspectionEvents(inspection('concluded'), inspector, none)).toEqual([]);
  });

  it('CLOSE is offered only when every finding is verified', () => {
    expect(allowedInspectionEvents(inspection('concluded'), coordinator, { unverifiedFindings: 1 })).toEqual(['CANCEL']);
    expect(allowedInspectionEvents(inspection('concluded'), coordinator, { unverifiedFindings: 0 })).toEqual(['CLOSE', 'CANCEL']);
  });
});

describe('the team, whatever its members’ roles', () => {
  // An inspector leads, a viewer is a member, and the coordinator is not on the team.
  const team = { teamUserIds: [inspector.id, viewer.id], leadUserId: inspector.id };

  it('the lead concludes and closes whatever their role; a coordinator off the team cannot', () => {
    expect(decideInspectionEvent(inspection('fieldwork', team), ev('CONCLUDE', inspector)).ok).toBe(true);
    expect(decideInspectionEvent(inspection('concluded', team), ev('CLOSE', inspector)).ok).toBe(true);
    expect(decideInspectionEvent(inspection('fieldwork', team), ev('CONCLUDE', coordinator))).toEqual({ ok: false, code: 'forbidden' });
    expect(decideInspectionEvent(inspection('concluded', team), ev('CLOSE', coordinator))).toEqual({ ok: false, code: 'forbidden' });
  });

  it('a viewer named to the team records findings and verifies, but does not conclude', () => {
    const { type: _t, ...record } = ev('RECORD_FINDING', viewer);
    expect(decideRecordFinding(inspection('fieldwork', team), record).ok).toBe(true);
    expect(decideFindingEvent(finding('remediated'), inspection('concluded', team), fev('VERIFY', viewer)).ok).toBe(true);
    expect(decideInspectionEvent(inspection('fieldwork', team), ev('CONCLUDE', viewer))).toEqual({ ok: false, code: 'forbidden' });
  });

  it('a lead who is not on the team is no lead', () => {
    const broken = { teamUserIds: [inspector.id], leadUserId: coordinator.id };
    expect(decideInspectionEvent(inspection('fieldwork', broken), ev('CONCLUDE', coordinator))).toEqual({ ok: false, code: 'forbidden' });
  });
});

describe('decideInspectionEvent refusals', () => {
  it('CLOSE with a finding not verified → transition_not_allowed, saying why', () => {
    expect(decideInspectionEvent(inspection('concluded'), ev('CLOSE', coordinator, { unverifiedFindings: 2 }))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['CANCEL'],
      blockedBy: 'findingsNotVerified',
    });
  });

  it('CLOSE in the wrong state names no blocker even with findings open', () => {
    expect(decideInspectionEvent(inspection('fieldwork'), ev('CLOSE', coordinator, { unverifiedFindings: 2 }))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['RECORD_FINDING', 'CONCLUDE', 'CANCEL'],
    });
  });

  it('missing or blank input → bad_request naming the field', () => {
    for (const blank of [undefined, '', '  ']) {
      expect(decideInspectionEvent(inspection('notified'), ev('SUBMIT_SELF_REPORT', headOf(TARGET), { report: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'report',
      });
      expect(decideInspectionEvent(inspection('planned'), ev('CANCEL', leader, { reason: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'reason',
      });
      for (const part of ['strengths', 'shortcomings', 'recommendations'] as const) {
        expect(
          decideInspectionEvent(inspection('fieldwork'), ev('CONCLUDE', coordinator, { conclusion: { ...CONCLUSION, [part]: blank } })),
        ).toEqual({ ok: false, code: 'bad_request', field: 'conclusion' });
      }
      for (const field of ['areaId', 'description', 'recommendation'] as const) {
        const { type: _t, ...record } = ev('RECORD_FINDING', inspector);
        expect(decideRecordFinding(inspection('fieldwork'), { ...record, finding: { ...record.finding, [field]: blank } })).toEqual({
          ok: false,
          code: 'bad_request',
          field,
        });
      }
    }
    expect(decideInspectionEvent(inspection('fieldwork'), ev('CONCLUDE', coordinator, { conclusion: undefined }))).toEqual({
      ok: false,
      code: 'bad_request',
      field: 'conclusion',
    });
  });

  it('a remediation deadline before the conclusion date (agency-local) or not a date → bad_request', () => {
    // 30/09 20:00 UTC is already 01/10 in Hà Nội: 30/09 is before the conclusion date.
    const late = { at: '2026-09-30T20:00:00Z' };
    for (const remediationDeadline of ['2026-09-30', '2026-02-30', 'mai']) {
      expect(decideInspectionEvent(inspection('fieldwork'), ev('CONCLUDE', coordinator, { ...late, remediationDeadline }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'remediationDeadline',
      });
    }
    expect(
      decideInspectionEvent(inspection('fieldwork'), ev('CONCLUDE', coordinator, { ...late, remediationDeadline: '2026-10-01' })).ok,
    ).toBe(true);
  });

  it('forbidden is decided before missing input, and missing input before the state', () => {
    expect(decideInspectionEvent(inspection('notified'), ev('SUBMIT_SELF_REPORT', headOf('XDKT'), { report: '' }))).toEqual({
      ok: false,
      code: 'forbidden',
    });
    expect(decideInspectionEvent(inspection('closed'), ev('CANCEL', leader, { reason: '' }))).toEqual({
      ok: false,
      code: 'bad_request',
      field: 'reason',
    });
  });

  it('a refusal leaves the stored snapshot untouched', () => {
    const stored = inspection('concluded', { conclusion: CONCLUSION, concludedOn: '2026-09-30', remediationDeadline: '2026-10-15' });
    const copy = structuredClone(stored);
    decideInspectionEvent(stored, ev('CLOSE', coordinator, { unverifiedFindings: 1 }));
    decideInspectionEvent(stored, ev('CANCEL', leader, { reason: ' ' }));
    decideInspectionEvent(stored, ev('CONCLUDE', coordinator));
    expect(stored).toEqual(copy);
  });
});

describe('decideInspectionEvent context effects', () => {
  it('SUBMIT_SELF_REPORT records the trimmed report', () => {
    const d = decideInspectionEvent(inspection('notified'), ev('SUBMIT_SELF_REPORT', headOf(TARGET), { report: '  Báo cáo số 12 \n' }));
    expect(d.ok && d.next.context.selfReport).toBe('Báo cáo số 12');
  });

  it('CONCLUDE records the conclusion, its agency-local date and a default deadline 15 calendar days later', () => {
    const d = decideInspectionEvent(
      inspection('fieldwork'),
      ev('CONCLUDE', coordinator, {
        at: '2026-09-30T20:00:00Z',
        conclusion: { strengths: ' Tốt ', shortcomings: 'Trễ hạn', recommendations: 'Khắc phục' },
      }),
    );
    expect(d.ok && d.next).toEqual({
      v: INSPECTION_MACHINE_VERSION,
      value: 'concluded',
      context: {
        ...BASE,
        conclusion: { strengths: 'Tốt', shortcomings: 'Trễ hạn', recommendations: 'Khắc phục' },
        concludedOn: '2026-10-01',
        remediationDeadline: '2026-10-16',
      },
    });
  });

  it('the default deadline crosses months and years by the calendar', () => {
    const d = decideInspectionEvent(inspection('fieldwork'), ev('CONCLUDE', coordinator, { at: '2026-12-20T10:00:00+07:00' }));
    expect(d.ok && d.next.context.remediationDeadline).toBe('2027-01-04');
  });

  it('CONCLUDE keeps a remediation deadline given', () => {
    const d = decideInspectionEvent(inspection('fieldwork'), ev('CONCLUDE', coordinator, { remediationDeadline: '2026-10-31' }));
    expect(d.ok && [d.next.context.concludedOn, d.next.context.remediationDeadline]).toEqual(['2026-09-30', '2026-10-31']);
  });

  it('CANCEL records the reason, from every open state', () => {
    for (const state of ['planned', 'notified', 'selfReported', 'fieldwork', 'concluded'] as const) {
      const d = decideInspectionEvent(inspection(state), ev('CANCEL', leader, { reason: ' Đơn vị sáp nhập ' }));
      expect(d.ok && [d.next.value, d.next.context.cancelReason]).toEqual(['cancelled', 'Đơn vị sáp nhập']);
    }
  });

  it('RECORD_FINDING keeps the inspection as it was and trims the finding', () => {
    const { type: _t, ...record } = ev('RECORD_FINDING', inspector, {
      finding: { areaId: ' a7 ', description: ' Số hóa thấp ', cause: '  ', recommendation: 'Phân công', deadline: '2026-10-31', taskId: 't-1' },
    });
    expect(decideRecordFinding(inspection('fieldwork'), record)).toEqual({
      ok: true,
      next: {
        v: INSPECTION_MACHINE_VERSION,
        value: 'open',
        context: { areaId: 'a7', description: 'Số hóa thấp', recommendation: 'Phân công', deadline: '2026-10-31', taskId: 't-1' },
      },
    });
  });
});

describe('decideFindingEvent: every finding state × inspection state × event × actor', () => {
  const grid = FINDING_STATES.flatMap((state) =>
    INSPECTION_STATES.flatMap((inspectionState) =>
      FINDING_EVENT_TYPES.flatMap((type) => WHO.map((who) => ({ state, inspectionState, type, who }))),
    ),
  );
  it.each(grid)('$state finding, $inspectionState inspection: $type by $who', ({ state, inspectionState, type, who }) => {
    const to = FINDING_MOVES[state][type];
    const next = expectOracle(decideFindingEvent(finding(state), inspection(inspectionState), fev(type, CAST[who].actor)), {
      mayEver: CAST[who].mayOnFindings.includes(type),
      to,
      allowed: expectedFindingAllowed(state, inspectionState, who),
      version: INSPECTION_MACHINE_VERSION,
      blockedBy: to !== undefined && inspectionState !== 'concluded' ? 'inspectionNotConcluded' : undefined,
    });
    if (next) expect(next.context).toMatchObject(FINDING);
  });

  const cells = FINDING_STATES.flatMap((state) =>
    INSPECTION_STATES.flatMap((inspectionState) => WHO.map((who) => ({ state, inspectionState, who }))),
  );
  it.each(cells)('allowed: $state finding, $inspectionState inspection, $who', ({ state, inspectionState, who }) => {
    expect(allowedFindingEvents(finding(state), inspection(inspectionState), CAST[who].actor, { taskDone: true })).toEqual(
      expectedFindingAllowed(state, inspectionState, who),
    );
  });
});

describe('decideFindingEvent: the remediation task and the inputs', () => {
  const concluded = inspection('concluded');

  it('VERIFY is refused while the finding’s task is not done, saying why; REJECT stays possible', () => {
    expect(decideFindingEvent(finding('remediated', { taskId: 't-1' }), concluded, fev('VERIFY', inspector, { taskDone: false }))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['REJECT'],
      blockedBy: 'taskNotDone',
    });
    expect(allowedFindingEvents(finding('remediated'), concluded, inspector, { taskDone: false })).toEqual(['REJECT']);
    expect(decideFindingEvent(finding('remediated'), concluded, fev('REJECT', inspector, { taskDone: false })).ok).toBe(true);
  });

  it('REPORT_REMEDIATION needs evidence and REJECT a reason', () => {
    for (const blank of [undefined, '', ' ']) {
      expect(decideFindingEvent(finding('open'), concluded, fev('REPORT_REMEDIATION', headOf(TARGET), { evidence: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'evidence',
      });
      expect(decideFindingEvent(finding('remediated'), concluded, fev('REJECT', inspector, { reason: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'reason',
      });
    }
  });

  it('REPORT_REMEDIATION records evidence; REJECT records why and keeps it; a new report clears the rejection', () => {
    const reported = decideFindingEvent(finding('open'), concluded, fev('REPORT_REMEDIATION', headOf(TARGET), { evidence: ' CV 45 ' }));
    expect(reported.ok && reported.next.context).toEqual({ ...FINDING, evidence: 'CV 45' });
    if (!reported.ok) return;
    const rejected = decideFindingEvent(reported.next, concluded, fev('REJECT', inspector, { reason: ' Thiếu thư xin lỗi ' }));
    expect(rejected.ok && [rejected.next.value, rejected.next.context]).toEqual([
      'open',
      { ...FINDING, evidence: 'CV 45', rejectReason: 'Thiếu thư xin lỗi' },
    ]);
    if (!rejected.ok) return;
    const again = decideFindingEvent(JSON.parse(JSON.stringify(rejected.next)), concluded, fev('REPORT_REMEDIATION', headOf(TARGET), { evidence: 'CV 52' }));
    expect(again.ok && JSON.parse(JSON.stringify(again.next.context))).toEqual({ ...FINDING, evidence: 'CV 52' });
  });
});

describe('decideCreateInspection', () => {
  const input = {
    planId: 'kh-cchc-2026',
    title: ' Kiểm tra CCHC ',
    decisionNo: '432/QĐ-STP',
    targetUnitId: TARGET,
    scheduledOn: '2026-09-15',
    teamUserIds: [coordinator.id, inspector.id, coordinator.id],
    leadUserId: coordinator.id,
  };

  it.each(WHO)('%s', (who) => {
    const d = decideCreateInspection(CAST[who].actor, input);
    if (['leader', 'coordinator leading the team', 'coordinator off the team'].includes(who)) {
      expect(d).toEqual({
        ok: true,
        next: { v: INSPECTION_MACHINE_VERSION, value: 'planned', context: { ...BASE, title: 'Kiểm tra CCHC' } },
      });
    } else {
      expect(d).toEqual({ ok: false, code: 'forbidden' });
    }
  });

  it('the lead must be one of a non-empty team', () => {
    expect(decideCreateInspection(leader, { ...input, teamUserIds: [] })).toEqual({ ok: false, code: 'bad_request', field: 'teamUserIds' });
    expect(decideCreateInspection(leader, { ...input, teamUserIds: [inspector.id] })).toEqual({
      ok: false,
      code: 'bad_request',
      field: 'leadUserId',
    });
  });

  it('no decision number is stored as none', () => {
    const d = decideCreateInspection(leader, { ...input, decisionNo: '  ' });
    expect(d.ok && 'decisionNo' in d.next.context).toBe(false);
  });
});

describe('a whole cycle through stored snapshots', () => {
  it('planned → closed, with a finding remediated, rejected, remediated and verified', () => {
    const created = decideCreateInspection(coordinator, { ...BASE, teamUserIds: BASE.teamUserIds });
    if (!created.ok) throw new Error('not created');
    let stored = created.next;
    const step = (event: InspectionEvent) => {
      const d = decideInspectionEvent(JSON.parse(JSON.stringify(stored)), event);
      if (!d.ok) throw new Error(`refused ${event.type}: ${JSON.stringify(d)}`);
      stored = d.next;
    };
    step(ev('NOTIFY', leader));
    step(ev('SUBMIT_SELF_REPORT', headOf(TARGET)));
    step(ev('START_FIELDWORK', inspector));
    const { type: _t, ...record } = ev('RECORD_FINDING', inspector);
    const recorded = decideRecordFinding(stored, record);
    if (!recorded.ok) throw new Error('finding refused');
    let f = recorded.next;
    step(ev('CONCLUDE', coordinator));
    expect(decideInspectionEvent(stored, ev('CLOSE', coordinator, { unverifiedFindings: 1 })).ok).toBe(false);
    const events: FindingEvent[] = [
      fev('REPORT_REMEDIATION', headOf(TARGET), { evidence: 'bản 1' }),
      fev('REJECT', inspector, { reason: 'Chưa đủ' }),
      fev('REPORT_REMEDIATION', headOf(TARGET), { evidence: 'bản 2' }),
      fev('VERIFY', inspector),
    ];
    for (const event of events) {
      const d = decideFindingEvent(JSON.parse(JSON.stringify(f)), stored, event);
      if (!d.ok) throw new Error(`refused ${event.type}: ${JSON.stringify(d)}`);
      f = d.next;
    }
    expect(f.value).toBe('verified');
    expect(f.context.evidence).toBe('bản 2');
    step(ev('CLOSE', coordinator, { unverifiedFindings: 0 }));
    expect(stored.value).toBe('closed');
    expect(allowedInspectionEvents(stored, leader, { unverifiedFindings: 0 })).toEqual([]);
  });
});

describe('restore / persist', () => {
  it('round-trip every inspection state and every finding state', () => {
    for (const state of INSPECTION_STATES) {
      const stored = inspection(state);
      expect(restoreInspection(stored).value).toBe(state);
      expect(persistInspection(restoreInspection(stored))).toEqual(stored);
    }
    for (const state of FINDING_STATES) {
      const stored = finding(state, { evidence: 'x' });
      expect(persistFinding(restoreFinding(stored))).toEqual(stored);
    }
  });
});
