import { useEffect, useState } from 'react';
import type { PlanDetail, User } from '../../../machines/api';
import { formatDateVi } from '../../../machines/dates';
import type { Inspection } from '../../../machines/inspectionApi';
import { api } from '../../net/http';
import { inspectionApi } from '../api';
import { ti } from '../i18n';
import { areaLabel, personName, unitLabel } from '../names';
import { OfficialDocument } from '../../print/OfficialDocument';
import { inspectionPath } from '../route';

/** /print/inspections/:id: Thông báo kết luận kiểm tra, printable on A4. Always in Vietnamese. */
export function ConclusionNotice({ inspectionId }: { inspectionId: string }) {
  const p = ti().print;
  const [data, setData] = useState<{ inspection: Inspection; plan: PlanDetail; people: Map<string, User> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (async () => {
      const inspection = await inspectionApi.get(inspectionId);
      const [plan, people] = await Promise.all([api.plan(inspection.planId), inspectionApi.people().catch(() => [] as User[])]);
      setData({ inspection, plan, people: new Map(people.map((u) => [u.id, u])) });
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [inspectionId]);

  if (error) return <p role="alert" className="field-error">{error}</p>;
  if (!data) return <p className="splash">{ti().loading}</p>;
  const { inspection, plan, people } = data;
  if (!inspection.conclusion || !inspection.concludedOn) return <p className="notice">{p.notConcluded}</p>;
  const unit = unitLabel(plan.units, inspection.targetUnitId);
  return (
    <OfficialDocument
      agencyName={plan.agency.name}
      number="Số:        /TB-ĐKT"
      place="……"
      date={inspection.concludedOn}
      title={p.title}
      subtitle={p.subtitle(inspection.title)}
      signerTitle={p.signer}
      signerName={personName(people, inspection.leadUserId)}
      recipients={[unit, 'Lãnh đạo Sở', 'Lưu: VT, Đoàn kiểm tra']}
      backHref={inspectionPath(inspection.id)}
    >
        <p className="od-indent">{p.intro(inspection.decisionNo, unit, formatDateVi(inspection.scheduledOn))}</p>
        <h2>1. Ưu điểm</h2>
        <p className="od-indent prose">{inspection.conclusion.strengths}</p>
        <h2>2. Tồn tại, hạn chế</h2>
        <p className="od-indent prose">{inspection.conclusion.shortcomings}</p>
        {inspection.findings.length > 0 && (
          <ol className="od-findings">
            {inspection.findings.map((f) => (
              <li key={f.id}>
                <strong>{areaLabel(plan.areas, f.areaId)}:</strong> {f.description}
                {f.cause && <> Nguyên nhân: {f.cause}.</>} Kiến nghị: {f.recommendation}
                {f.deadline && <> (thời hạn {formatDateVi(f.deadline)})</>}
                {(f.evidence || f.files?.length) ? (
                  <span className="block" data-testid="notice-finding-evidence">
                    Tài liệu kiểm chứng: {[f.evidence, ...(f.files ?? []).map((file) => file.name)].filter(Boolean).join('; ')}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <h2>3. Kiến nghị</h2>
        <p className="od-indent prose">{inspection.conclusion.recommendations}</p>
        {inspection.remediationDeadline && (
          <p className="od-indent">{p.deadline(formatDateVi(inspection.remediationDeadline))}</p>
        )}
    </OfficialDocument>
  );
}
