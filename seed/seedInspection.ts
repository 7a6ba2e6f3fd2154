import type { Actor } from '../machines/roles';
import { decideFinding, decideInspection, decideNewInspection } from '../server/engine/decide/inspection';
import type { Engine } from '../server/engine/engine';
import { getInspection } from '../server/engine/inspections/lookup';
import type { InspectionEventBody } from '../machines/inspectionApi';
import { areaIdOf } from './referencePlan';

/** The reference file's demo inspection (seed/reference-plan-2026.json → demoInspection). */
export interface DemoInspection {
  title: string;
  decisionNo?: string;
  targetUnit: string;
  scheduledOn: string;
  team: string[];
  lead: string;
  findings: Array<{ areaCode: string; description: string; cause?: string; recommendation: string; deadline?: string }>;
}

/**
 * When and by whom each step was taken, agency time: the reference file names the inspection, its
 * team and findings, not the days of its cycle. The first finding becomes a remediation task on
 * the board, which the inspected unit has started; the conclusion leaves both findings open.
 */
const AT = {
  create: '2026-08-20T08:30:00+07:00',
  notify: '2026-08-25T09:00:00+07:00',
  selfReport: '2026-09-08T15:00:00+07:00',
  fieldwork: '2026-09-15T08:30:00+07:00',
  findings: ['2026-09-15T10:30:00+07:00', '2026-09-16T10:00:00+07:00'],
  conclude: '2026-09-25T16:00:00+07:00',
  taskStarted: '2026-09-28T08:00:00+07:00',
};

const SELF_REPORT =
  'Phòng Hành chính tư pháp đã triển khai đầy đủ các nhiệm vụ CCHC được giao; 100% thủ tục hành chính được tiếp nhận qua Bộ phận Một cửa. ' +
  'Còn một số hồ sơ cấp Phiếu lý lịch tư pháp trễ hạn do chờ kết quả xác minh.';

const CONCLUSION = {
  strengths: 'Đơn vị quan tâm chỉ đạo công tác CCHC; niêm yết, công khai thủ tục hành chính đầy đủ; tiếp nhận hồ sơ đúng quy trình.',
  shortcomings: 'Còn hồ sơ cấp Phiếu lý lịch tư pháp trễ hạn chưa gửi thư xin lỗi; tỷ lệ số hóa kết quả giải quyết TTHC còn thấp.',
  recommendations: 'Khắc phục các tồn tại, hạn chế nêu trong kết luận đúng thời hạn và báo cáo kết quả về Văn phòng Sở.',
};

const iso = (at: string) => new Date(at).toISOString();

/** Replays the demo inspection through the engine with its recorded users and times; ends `concluded`. */
export async function seedDemoInspection(engine: Engine, planId: string, demo: DemoInspection, actor: (username: string) => Actor): Promise<void> {
  const lead = actor(demo.lead);
  const [created] = await engine.execute(() =>
    decideNewInspection(
      engine.getPlan(planId),
      actor('vanphong'),
      {
        planId, title: demo.title, decisionNo: demo.decisionNo, targetUnitId: demo.targetUnit, scheduledOn: demo.scheduledOn,
        teamUserIds: demo.team.map((u) => actor(u).id), leadUserId: lead.id,
      },
      new Set(demo.team.map((u) => actor(u).id)),
      iso(AT.create),
    ),
  );
  const id = created.streamId!;
  const step = (who: Actor, body: InspectionEventBody, at: string) =>
    engine.execute(() => {
      const { plan, inspection } = getInspection(engine, id);
      return decideInspection(plan, inspection, who, body, iso(at), new Date(at));
    });
  const unitHead = actor(`truongphong.${demo.targetUnit.toLowerCase()}`);
  await step(actor('vanphong'), { type: 'NOTIFY' }, AT.notify);
  await step(unitHead, { type: 'SUBMIT_SELF_REPORT', report: SELF_REPORT }, AT.selfReport);
  await step(lead, { type: 'START_FIELDWORK' }, AT.fieldwork);
  // Findings are recorded by the team member who is not the lead (the inspector), in file order.
  const recorder = actor(demo.team.find((u) => u !== demo.lead) ?? demo.lead);
  let taskId: string | undefined;
  for (const [i, f] of demo.findings.entries()) {
    const at = AT.findings[i] ?? AT.findings[AT.findings.length - 1];
    const entries = await engine.execute(() => {
      const { plan, inspection } = getInspection(engine, id);
      const { areaCode, ...fields } = f;
      return decideFinding(plan, inspection, recorder, { ...fields, areaId: areaIdOf(areaCode), createTask: i === 0 }, iso(at));
    });
    taskId ??= entries.find((e) => e.kind === 'plan')?.taskId;
  }
  await step(lead, { type: 'CONCLUDE', conclusion: CONCLUSION }, AT.conclude);
  if (taskId) await engine.sendTaskEvent(taskId, unitHead, { type: 'START' }, iso(AT.taskStarted));
}

