import { z } from 'zod';
import { isoDate, text } from './api';
import { FileIds, type AttachedFile } from './files';
import { DOSSIER_COUNT_FIELDS, DOSSIER_PERIODS, type DossierCounts, type DossierPeriod, type DossierRate } from './dossiers';
import { PAR_EVENT_TYPES, type ParCriterionAction, type ParEventType, type ParState } from './par';
import { PAR_METHODS, type ParBand, type ParMethod } from './parTree';

/**
 * API.md "PAR Index self-assessment" and "Administrative-procedure dossiers" in one place: request
 * schemas (validated on the server, reused by the page's forms) and response types.
 */

const expectedVersion = z.number().int().nonnegative().optional();
const year = z.number().int().min(2000).max(2100);
const points = z.number().finite().nonnegative().max(1000);

export const ParBandBody = z.object({ atLeast: z.number().finite().min(0).max(100), points });

export const ParCriterionBody = z.object({
  code: text(40),
  title: text(1000),
  maxPoints: points,
  unitId: text(100).optional(),
  method: z.enum(PAR_METHODS).default('manual'),
  bands: z.array(ParBandBody).max(20).optional(),
});

export const CreateParBody = z.object({
  year,
  title: text(500),
  planId: text(100).optional(),
  /** Copies the structure (criteria, units, methods, bands) of another index, not its scores. */
  copyFrom: text(200).optional(),
  /** The structure itself, for clients that send it as JSON rather than a spreadsheet. */
  criteria: z.array(ParCriterionBody).max(2000).optional(),
});
export type CreateParBody = z.infer<typeof CreateParBody>;

export const ParCriterionPatch = z
  .object({
    title: text(1000).optional(),
    maxPoints: points.optional(),
    unitId: text(100).nullable().optional(),
    method: z.enum(PAR_METHODS).optional(),
    bands: z.array(ParBandBody).max(20).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'cần ít nhất một trường để sửa' });
export type ParCriterionPatch = z.infer<typeof ParCriterionPatch>;

export const ParEventBody = z.object({
  type: z.enum(PAR_EVENT_TYPES),
  expectedVersion,
  reason: z.string().trim().max(2000).optional(),
});
export type ParEventBody = z.infer<typeof ParEventBody>;

export const ParScoreBody = z.object({
  score: z.number().finite(),
  explanation: text(4000),
  files: FileIds.optional(),
  expectedVersion,
});
export type ParScoreBody = z.infer<typeof ParScoreBody>;

export const ParAppraisalBody = z.object({
  score: z.number().finite(),
  note: z.string().trim().max(4000).optional(),
  expectedVersion,
});
export type ParAppraisalBody = z.infer<typeof ParAppraisalBody>;

export const ParTaskBody = z.object({
  title: text(500),
  ownerUnitId: text(100),
  deadline: isoDate,
});
export type ParTaskBody = z.infer<typeof ParTaskBody>;

const count = z.number().int().nonnegative().max(100_000_000);

export const DossierBody = z.object({
  year,
  period: z.enum(DOSSIER_PERIODS),
  unitId: text(100).optional(),
  procedureGroup: text(200).optional(),
  ...(Object.fromEntries(DOSSIER_COUNT_FIELDS.map((f) => [f, count])) as Record<(typeof DOSSIER_COUNT_FIELDS)[number], typeof count>),
});
export type DossierBody = z.infer<typeof DossierBody>;

/** A file on a criterion, as API.md's evidence files describe it. */
export interface ParFileRef {
  id: string;
  sha256: string;
  name: string;
  type: string;
  size: number;
}

export interface ParNode {
  code: string;
  title: string;
  maxPoints: number;
  children?: ParNode[];
  unitId?: string;
  method: ParMethod;
  bands?: ParBand[];
  /** Points the unit gave (or the data earned); on a parent, the sum of its children's. */
  selfScore?: number;
  explanation?: string;
  files: AttachedFile[];
  appraisedScore?: number;
  appraisalNote?: string;
  /** The board task made to lift a low score, if any. */
  taskIds?: string[];
  version: number;
  allowedEvents: ParCriterionAction[];
}

export interface ParIndexSummary {
  id: string;
  year: number;
  title: string;
  planId?: string;
  status: ParState;
  version: number;
  maxPoints: number;
  selfPoints: number;
  appraisedPoints?: number;
  /** selfPoints ÷ maxPoints × 100, unrounded (shown with the plan's percent rule: "92,62"). */
  selfPercent: number;
  appraisedPercent?: number;
}

export interface ParIndex extends ParIndexSummary {
  allowedEvents: ParEventType[];
  areas: ParNode[];
  reopenReason?: string;
}

export interface DossierRow extends DossierCounts {
  year: number;
  period: DossierPeriod;
  unitId?: string;
  procedureGroup?: string;
  at: string;
  by: { id: string; username: string };
}

export interface DossierReport {
  rows: DossierRow[];
  totals: DossierCounts & { received: number; resolved: number; pending: number; rates: Record<DossierRate, number> };
}
