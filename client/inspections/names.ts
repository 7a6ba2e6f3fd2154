import type { Area, Unit, User } from '../../machines/api';

/** Display names for ids; an unknown id shows as itself rather than as nothing. */
export const personName = (people: Map<string, User>, id: string) => people.get(id)?.name ?? id;

export const unitLabel = (units: readonly Unit[], id: string) => {
  const unit = units.find((u) => u.id === id);
  return unit ? unit.name : id;
};

export const areaLabel = (areas: readonly Area[], id: string) => {
  const area = areas.find((a) => a.id === id);
  return area ? `${area.code}. ${area.name}` : id;
};
