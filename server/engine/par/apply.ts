import { z } from 'zod';
import { FileRefSchema, type FileRef } from '../../../machines/files';
import { DOSSIER_COUNT_FIELDS, DOSSIER_PERIODS } from '../../../machines/dossiers';
import { PAR_EVENT_TYPES } from '../../../machines/par';
import { compareCodes, type ParCriterionDef } from '../../../machines/parTree';
import { registerPayloadSchema, type LogEntry } from '../../store/entries';
import { registerApplier } from '../apply';
import type { PlanRecord } from '../records';
import type { DossierRecord, ParRecord } from './records';

/**
 * How `par` and `dossier` entries change the plan of their year. The payload says everything the
 * state needs (the structure on CREATE, one criterion on EDIT_CRITERION, one leaf's score on SCORE
 * or APPRAISE, the new state in `to`), so a restart rebuilds exactly what was acknowledged.
 */

export const PAR_KIND = 'par';
export const DOSSIER_KIND = 'dossier';
export const PAR_ENTRY_TYPES = ['CREATE', 'EDIT_CRITERION', 'SCORE', 'APPRAISE', ...PAR_EVENT_TYPES] as const;

function indexOf(plan: PlanRecord, entry: LogEntry): ParRecord {
  const index = plan.par && Object.hasOwn(plan.par, entry.streamId!) ? plan.par[entry.streamId!] : undefined;
  if (!index) throw new Error(`log entry ${entry.seq} names unknown PAR index ${entry.streamId}`);
  return index;
}

function leafOf(index: ParRecord, code: string) {
  return (index.leaves[code] ??= { version: 1 });
}

export function applyParEntry(plan: PlanRecord, entry: LogEntry): void {
  const p = entry.payload ?? {};
  if (entry.type === 'CREATE') {
    plan.par ??= {};
    plan.par[entry.streamId!] = {
      id: entry.streamId!, planId: plan.id, number: p.number as number, year: p.year as number, title: p.title as string,
      version: 1, state: 'draft', criteria: p.criteria as ParCriterionDef[], leaves: {},
    };
    return;
  }
  const index = indexOf(plan, entry);
  index.version++;
  switch (entry.type) {
    case 'EDIT_CRITERION': {
      const criterion = p.criterion as ParCriterionDef;
      index.criteria = [...index.criteria.filter((c) => c.code !== criterion.code), criterion].sort((a, b) => compareCodes(a.code, b.code));
      leafOf(index, criterion.code).version++;
      return;
    }
    case 'SCORE': {
      const leaf = leafOf(index, p.code as string);
      leaf.version++;
      leaf.selfScore = p.score as number;
      leaf.explanation = p.explanation as string;
      // Every file ever accepted on the criterion, oldest first, with who added it and when.
      for (const file of (p.files as FileRef[] | undefined) ?? []) {
        if (!leaf.files?.some((f) => f.id === file.id)) (leaf.files ??= []).push({ ...file, at: entry.at, by: entry.by });
      }
      return;
    }
    case 'APPRAISE': {
      const leaf = leafOf(index, p.code as string);
      leaf.version++;
      leaf.appraisedScore = p.score as number;
      leaf.appraisalNote = p.note as string | undefined;
      return;
    }
    default:
      index.state = entry.to as ParRecord['state'];
      if (entry.type === 'REOPEN') index.reopenReason = p.reason as string;
      if (entry.type === 'SUBMIT') delete index.reopenReason;
  }
}

export function applyDossierEntry(plan: PlanRecord, entry: LogEntry): void {
  plan.dossiers ??= {};
  const previous = plan.dossiers[entry.streamId!];
  plan.dossiers[entry.streamId!] = {
    ...(entry.payload!.row as Omit<DossierRecord, 'version' | 'at' | 'by'>),
    at: entry.at, by: entry.by, version: (previous?.version ?? 0) + 1,
  };
}

registerApplier(PAR_KIND, applyParEntry);
registerApplier(DOSSIER_KIND, applyDossierEntry);

const criterion = z.looseObject({ code: z.string().min(1), title: z.string(), maxPoints: z.number(), method: z.string() });
registerPayloadSchema(
  PAR_KIND,
  z.union([
    z.looseObject({ type: z.literal('CREATE'), number: z.number().int().positive(), year: z.number().int(), title: z.string(), criteria: z.array(criterion) }),
    z.looseObject({ type: z.literal('EDIT_CRITERION'), criterion }),
    z.looseObject({ type: z.literal('SCORE'), code: z.string().min(1), score: z.number(), explanation: z.string(), files: z.array(FileRefSchema).optional() }),
    z.looseObject({ type: z.literal('APPRAISE'), code: z.string().min(1), score: z.number(), note: z.string().optional() }),
    z.looseObject({ type: z.enum(PAR_EVENT_TYPES), reason: z.string().optional() }),
  ]),
);
registerPayloadSchema(
  DOSSIER_KIND,
  z.looseObject({
    type: z.literal('RECORD'),
    row: z.looseObject({
      year: z.number().int(), period: z.enum(DOSSIER_PERIODS),
      ...Object.fromEntries(DOSSIER_COUNT_FIELDS.map((f) => [f, z.number().int().nonnegative()])),
    }),
  }),
);
