import type { HistoryEntry, User } from '../../machines/api';
import type {
  CreateInspectionBody,
  Finding,
  FindingBody,
  FindingEventBody,
  Inspection,
  InspectionEventBody,
  InspectionProgramme,
} from '../../machines/inspectionApi';
import { request } from '../net/http';

const id = encodeURIComponent;

/** API.md "Inspections"; `people` is the directory of who can be named to a team (an addition). */
export const inspectionApi = {
  programme: (planId: string) =>
    request<InspectionProgramme>('GET', `/api/inspections/programme?planId=${id(planId)}`),
  get: (inspectionId: string) => request<Inspection>('GET', `/api/inspections/${id(inspectionId)}`),
  history: (inspectionId: string) => request<HistoryEntry[]>('GET', `/api/inspections/${id(inspectionId)}/history`),
  people: () => request<User[]>('GET', '/api/inspections/people'),
  create: (body: CreateInspectionBody) => request<{ inspection: Inspection }>('POST', '/api/inspections', body),
  send: (inspectionId: string, body: InspectionEventBody) =>
    request<{ inspection: Inspection }>('POST', `/api/inspections/${id(inspectionId)}/events`, body),
  recordFinding: (inspectionId: string, body: FindingBody) =>
    request<{ finding: Finding }>('POST', `/api/inspections/${id(inspectionId)}/findings`, body),
  sendFinding: (inspectionId: string, findingId: string, body: FindingEventBody) =>
    request<{ finding: Finding }>(
      'POST',
      `/api/inspections/${id(inspectionId)}/findings/${id(findingId)}/events`,
      body,
    ),
};
