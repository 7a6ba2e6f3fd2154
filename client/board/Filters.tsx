import { useId } from 'react';
import type { Area, Unit } from '../../machines/api';
import { vi } from '../i18n/vi';
import { defaultFilters, type BoardFilters, type LaneMode } from './grouping';

interface FiltersProps {
  filters: BoardFilters;
  onChange(next: BoardFilters): void;
  areas: readonly Area[];
  units: readonly Unit[];
  hasUnit: boolean;
  shown: number;
  total: number;
}

export function Filters({ filters, onChange, areas, units, hasUnit, shown, total }: FiltersProps) {
  const id = useId();
  const set = <K extends keyof BoardFilters>(key: K, value: BoardFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <form className="filters" role="search" aria-label={vi.filters.label} onSubmit={(e) => e.preventDefault()}>
      <label className="filter-search">
        <span className="visually-hidden">{vi.filters.search}</span>
        <input
          type="search"
          data-testid="filter-search"
          placeholder={vi.filters.searchPlaceholder}
          value={filters.query}
          onChange={(e) => set('query', e.target.value)}
        />
      </label>
      <label>
        <span>{vi.filters.area}</span>
        <select data-testid="filter-area" value={filters.areaId} onChange={(e) => set('areaId', e.target.value)}>
          <option value="">{vi.filters.all}</option>
          {areas.map((area) => (
            <option key={area.id} value={area.id}>{`${area.code}. ${area.name}`}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{vi.filters.unit}</span>
        <select data-testid="filter-unit" value={filters.unitId} onChange={(e) => set('unitId', e.target.value)}>
          <option value="">{vi.filters.all}</option>
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>{`${unit.code} · ${unit.name}`}</option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-lanes`}>
        <span>{vi.filters.lanes}</span>
        <select
          id={`${id}-lanes`}
          data-testid="filter-lanes"
          value={filters.lanes}
          onChange={(e) => set('lanes', e.target.value as LaneMode)}
        >
          {(Object.keys(vi.filters.laneOptions) as LaneMode[]).map((mode) => (
            <option key={mode} value={mode}>{vi.filters.laneOptions[mode]}</option>
          ))}
        </select>
      </label>
      <span className="filter-toggles">
        {hasUnit && (
          <label className="check">
            <input type="checkbox" data-testid="filter-mine" checked={filters.mine} onChange={(e) => set('mine', e.target.checked)} />
            {vi.filters.mine}
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            data-testid="filter-overdue"
            checked={filters.overdueOnly}
            onChange={(e) => set('overdueOnly', e.target.checked)}
          />
          {vi.filters.overdue}
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="filter-cancelled"
            checked={filters.showCancelled}
            onChange={(e) => set('showCancelled', e.target.checked)}
          />
          {vi.filters.cancelled}
        </label>
      </span>
      <span className="filter-summary" aria-live="polite" data-testid="filter-summary">
        {vi.filters.shown(shown, total)}
      </span>
      <button type="button" className="link" onClick={() => onChange({ ...defaultFilters, lanes: filters.lanes })}>
        {vi.filters.clear}
      </button>
    </form>
  );
}
