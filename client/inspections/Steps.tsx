import { useState } from 'react';
import type { Area } from '../../machines/api';
import type { FindingEventType, InspectionEventType } from '../../machines/inspection';
import type { Finding, Inspection } from '../../machines/inspectionApi';
import { inspectionApi } from './api';
import { ti } from './i18n';
import { StepForm, optional, type StepField, type StepValues } from './StepForm';
import { useSubmit } from './useSubmit';
import { tf } from '../files/i18n';

/** Evidence files beside a step's text; a finding's photo may come straight from a phone's camera. */
const filesField = (camera = false): StepField => ({ name: 'files', label: tf().files, kind: 'files', camera });

/** The fields each step asks for; a step with none is a plain button. */
function inspectionFields(type: InspectionEventType, areas: readonly Area[]): StepField[] {
  const d = ti().detail;
  switch (type) {
    case 'SUBMIT_SELF_REPORT':
      return [{ name: 'report', label: d.report, kind: 'textarea', required: true }, filesField()];
    case 'CONCLUDE':
      return [
        { name: 'strengths', label: d.strengths, kind: 'textarea', required: true },
        { name: 'shortcomings', label: d.shortcomings, kind: 'textarea', required: true },
        { name: 'recommendations', label: d.recommendations, kind: 'textarea', required: true },
        { name: 'remediationDeadline', label: d.remediationDeadline, kind: 'date', hint: d.deadlineDefault },
      ];
    case 'CANCEL':
      return [{ name: 'reason', label: d.reason, kind: 'textarea', required: true }];
    case 'RECORD_FINDING':
      return [
        { name: 'areaId', label: d.area, kind: 'select', required: true, options: areas.map((a) => ({ value: a.id, label: `${a.code}. ${a.name}` })) },
        { name: 'description', label: d.description, kind: 'textarea', required: true },
        { name: 'cause', label: d.cause, kind: 'textarea' },
        { name: 'recommendation', label: d.recommendation, kind: 'textarea', required: true },
        { name: 'deadline', label: d.deadline, kind: 'date' },
        { name: 'createTask', label: d.createTask, kind: 'checkbox' },
        filesField(true),
      ];
    default:
      return [];
  }
}

function sendInspectionStep(inspection: Inspection, type: InspectionEventType, v: StepValues, files: string[]): Promise<Inspection> {
  const expectedVersion = inspection.version;
  if (type === 'RECORD_FINDING') {
    return inspectionApi
      .recordFinding(inspection.id, {
        areaId: String(v.areaId),
        description: String(v.description),
        cause: optional(v.cause),
        recommendation: String(v.recommendation),
        deadline: optional(v.deadline),
        createTask: v.createTask === true,
        ...(files.length ? { files } : {}),
      })
      .then(() => inspectionApi.get(inspection.id));
  }
  return inspectionApi
    .send(inspection.id, {
      type,
      expectedVersion,
      report: optional(v.report),
      ...(files.length ? { files } : {}),
      reason: optional(v.reason),
      remediationDeadline: optional(v.remediationDeadline),
      conclusion:
        type === 'CONCLUDE'
          ? { strengths: String(v.strengths), shortcomings: String(v.shortcomings), recommendations: String(v.recommendations) }
          : undefined,
    })
    .then((r) => r.inspection);
}

interface StepsProps<E extends string> {
  allowed: readonly E[];
  labels: Record<E, string>;
  fieldsOf(type: E): StepField[];
  send(type: E, values: StepValues, files: string[]): Promise<unknown>;
  testIdPrefix: string;
  className: string;
}

/**
 * Exactly the steps this person may take now (an allowedEvents list): a step with no input is a
 * plain button, one that needs input opens its form.
 */
function Steps<E extends string>({ allowed, labels, fieldsOf, send, testIdPrefix, className }: StepsProps<E>) {
  const [open, setOpen] = useState<E | null>(null);
  const { busy, error, submit } = useSubmit();
  if (!allowed.length) return null;
  return (
    <div className={className}>
      <div className="step-buttons">
        {allowed.map((type) => {
          const needsInput = fieldsOf(type).length > 0;
          return (
            <button
              key={type}
              type="button"
              disabled={busy}
              aria-expanded={needsInput ? open === type : undefined}
              data-testid={`${testIdPrefix}step-${type}`}
              onClick={() => (needsInput ? setOpen(open === type ? null : type) : void submit(() => send(type, {}, [])))}
            >
              {labels[type]}
            </button>
          );
        })}
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
      {open && allowed.includes(open) && (
        <StepForm
          key={open}
          title={labels[open]}
          fields={fieldsOf(open)}
          testId={`${testIdPrefix}form-${open}`}
          onSubmit={(values, files) => send(open, values, files)}
          onCancel={() => setOpen(null)}
        />
      )}
    </div>
  );
}

interface InspectionStepsProps {
  inspection: Inspection;
  areas: readonly Area[];
  onChanged(next: Inspection): void;
}

export function InspectionSteps({ inspection, areas, onChanged }: InspectionStepsProps) {
  return (
    <section className="steps" aria-label={ti().detail.steps} data-testid="inspection-steps" hidden={!inspection.allowedEvents.length}>
      <Steps
        allowed={inspection.allowedEvents}
        labels={ti().events}
        fieldsOf={(type) => inspectionFields(type, areas)}
        send={(type, values, files) => sendInspectionStep(inspection, type, values, files).then(onChanged)}
        testIdPrefix=""
        className="inspection-steps"
      />
    </section>
  );
}

const FINDING_FIELDS: Record<FindingEventType, (d: ReturnType<typeof ti>['detail']) => StepField[]> = {
  REPORT_REMEDIATION: (d) => [{ name: 'evidence', label: d.evidence, kind: 'textarea', required: true }, filesField(true)],
  VERIFY: () => [],
  REJECT: (d) => [{ name: 'reason', label: d.rejectReason, kind: 'textarea', required: true }],
};

interface FindingStepsProps {
  inspectionId: string;
  finding: Finding;
  onChanged(): void;
}

/** A finding's steps for this person: report remediation, verify, reject. */
export function FindingSteps({ inspectionId, finding, onChanged }: FindingStepsProps) {
  return (
    <Steps
      allowed={finding.allowedEvents}
      labels={ti().findingEvents}
      fieldsOf={(type) => FINDING_FIELDS[type](ti().detail)}
      send={(type, v, files) =>
        inspectionApi
          .sendFinding(inspectionId, finding.id, { type, expectedVersion: finding.version, evidence: optional(v.evidence), reason: optional(v.reason), ...(files.length ? { files } : {}) })
          .then(onChanged)
      }
      testIdPrefix="finding-"
      className="finding-steps"
    />
  );
}
