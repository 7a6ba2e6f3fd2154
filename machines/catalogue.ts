import { z } from 'zod';
import type { Area, Unit } from './api';

/**
 * Areas and units are data (PRODUCT.md "The plan"): agencies rename and merge units and index
 * schemes rename areas. A change keeps every task and its history: a merged unit's tasks move to
 * the unit they merge into under the same task ids, so their history stays theirs.
 */
const name = z.string().trim().min(1).max(300);
const code = z.string().trim().min(1).max(20);
const id = z.string().trim().min(1).max(100);

export const CatalogueChangeBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RENAME_UNIT'), unitId: id, name, code: code.optional() }),
  z.object({ type: z.literal('MERGE_UNITS'), fromUnitId: id, intoUnitId: id }),
  z.object({ type: z.literal('RENAME_AREA'), areaId: id, name, code: code.optional() }),
]);
export type CatalogueChange = z.infer<typeof CatalogueChangeBody>;

export interface Catalogue {
  areas: readonly Area[];
  units: readonly Unit[];
}

/** Why a change cannot be made to this catalogue, in words a person can act on; undefined when it can. */
export function catalogueProblem(catalogue: Catalogue, change: CatalogueChange): string | undefined {
  const unit = (unitId: string) => catalogue.units.find((u) => u.id === unitId);
  const taken = (list: ReadonlyArray<{ id: string; code: string }>, own: string, c?: string) =>
    c !== undefined && list.some((x) => x.id !== own && x.code.toLowerCase() === c.toLowerCase());
  switch (change.type) {
    case 'RENAME_UNIT':
      if (!unit(change.unitId)) return `Đơn vị «${change.unitId}» không có trong kế hoạch.`;
      if (taken(catalogue.units, change.unitId, change.code)) return `Mã đơn vị «${change.code}» đã được dùng.`;
      return undefined;
    case 'MERGE_UNITS':
      if (!unit(change.fromUnitId)) return `Đơn vị «${change.fromUnitId}» không có trong kế hoạch.`;
      if (!unit(change.intoUnitId)) return `Đơn vị «${change.intoUnitId}» không có trong kế hoạch.`;
      if (change.fromUnitId === change.intoUnitId) return 'Chọn hai đơn vị khác nhau để sáp nhập.';
      return undefined;
    case 'RENAME_AREA':
      if (!catalogue.areas.some((a) => a.id === change.areaId)) return `Lĩnh vực «${change.areaId}» không có trong kế hoạch.`;
      if (taken(catalogue.areas, change.areaId, change.code)) return `Mã lĩnh vực «${change.code}» đã được dùng.`;
      return undefined;
  }
}

/** The catalogue after the change, and how unit ids map (a merged unit's id → the surviving one). */
export function changeCatalogue(catalogue: Catalogue, change: CatalogueChange): { areas: Area[]; units: Unit[]; unitMap: (unitId: string) => string } {
  const keep = (unitId: string) => unitId;
  switch (change.type) {
    case 'RENAME_UNIT':
      return {
        areas: [...catalogue.areas],
        units: catalogue.units.map((u) => (u.id === change.unitId ? { ...u, name: change.name, code: change.code ?? u.code } : u)),
        unitMap: keep,
      };
    case 'RENAME_AREA':
      return {
        areas: catalogue.areas.map((a) => (a.id === change.areaId ? { ...a, name: change.name, code: change.code ?? a.code } : a)),
        units: [...catalogue.units],
        unitMap: keep,
      };
    case 'MERGE_UNITS':
      return {
        areas: [...catalogue.areas],
        units: catalogue.units.filter((u) => u.id !== change.fromUnitId),
        unitMap: (unitId) => (unitId === change.fromUnitId ? change.intoUnitId : unitId),
      };
  }
}

/** A task's units after a merge: the owner mapped, coordinators mapped, deduplicated, owner excluded. */
export function remapTaskUnits(owner: string, coordinating: readonly string[], map: (id: string) => string) {
  const ownerUnitId = map(owner);
  return { ownerUnitId, coordinatingUnitIds: [...new Set(coordinating.map(map))].filter((u) => u !== ownerUnitId) };
}
