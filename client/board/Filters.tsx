import { memo, useId, useState } from 'react';
import type { Area, Unit } from '../../machines/api';
import { localDate } from '../../machines/dates';
import { t } from '../i18n';
import { DateInput } from '../ui/DateInput';
import { P } from '../i18n/phone';
import { defaultFilters, type BoardFilters, type LaneMode } from './grouping';

interface FiltersProps {
  filters: BoardFilters;
  onChange(next: BoardFilters): void;
  areas: readonly Area[];
  units: readonly Unit[];
  hasUnit: boolean;
  shown: number;
  total: number;
  asOf: string | null;
  onAsOfChange(date: string | null): void;
}

/** Memoised: a move or a progress event does not touch the filters. */
export const Filters = memo(function Filters({ filters, onChange, areas, units, hasUnit, shown, total, asOf, onAsOfChange }: FiltersProps) {
  const id = useId();
  const set = <K extends keyof BoardFilters>(key: K, value: BoardFilters[K]) => onChange({ ...filters, [key]: value });
  // On a phone the filters fold behind one button (CSS: the button shows only there).
  const [open, setOpen] = useState(false);
  const active = (Object.keys(defaultFilters) as Array<keyof BoardFilters>).filter((k) => filters[k] !== defaultFilters[k]).length + (asOf ? 1 : 0);
  return (
    <form className={`filters${open ? ' is-open' : ''}`} role="search" aria-label={t.filters.label} onSubmit={(e) => e.preventDefault()}>
      <button type="button" className="filters-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="filters-toggle">
        {open ? P().hideFilters : P().filters}{P().active(active)}
      </button>
      <label className="filter-search">
        <span className="visually-hidden">{t.filters.search}</span>
        <input
          type="search"
          data-testid="filter-search"
          placeholder={t.filters.searchPlaceholder}
          value={filters.query}
          onChange={(e) => set('query', e.target.value)}
        />
      </label>
      <label>
        <span>{t.filters.area}</span>
        <select data-testid="filter-area" value={filters.areaId} onChange={(e) => set('areaId', e.target.value)}>
          <option value="">{t.filters.all}</option>
          {areas.map((area) => (
            <option key={area.id} value={area.id}>{`${area.code}. ${area.name}`}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t.filters.unit}</span>
        <select data-testid="filter-unit" value={filters.unitId} onChange={(e) => set('unitId', e.target.value)}>
          <option value="">{t.filters.all}</option>
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>{`${unit.code} · ${unit.name}`}</option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-lanes`}>
        <span>{t.filters.lanes}</span>
        <select
          id={`${id}-lanes`}
          data-testid="filter-lanes"
          value={filters.lanes}
          onChange={(e) => set('lanes', e.target.value as LaneMode)}
        >
          {(Object.keys(t.filters.laneOptions) as LaneMode[]).map((mode) => (
            <option key={mode} value={mode}>{t.filters.laneOptions[mode]}</option>
          ))}
        </select>
      </label>
      <span className="filter-toggles">
        {hasUnit && (
          <label className="check">
            <input type="checkbox" data-testid="filter-mine" checked={filters.mine} onChange={(e) => set('mine', e.target.checked)} />
            {t.filters.mine}
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            data-testid="filter-overdue"
            checked={filters.overdueOnly}
            onChange={(e) => set('overdueOnly', e.target.checked)}
          />
          {t.filters.overdue}
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="filter-cancelled"
            checked={filters.showCancelled}
            onChange={(e) => set('showCancelled', e.target.checked)}
          />
          {t.filters.cancelled}
        </label>
      </span>
      <label>
        <span>{t.filters.asOf}</span>
        <DateInput
          data-testid="filter-as-of"
          value={asOf ?? ''}
          max={localDate(new Date())}
          onChange={(iso) => onAsOfChange(iso || null)}
        />
      </label>
      {asOf && (
        <button type="button" className="link" data-testid="as-of-today" onClick={() => onAsOfChange(null)}>
          {t.filters.today}
        </button>
      )}
      <span className="filter-summary" aria-live="polite" data-testid="filter-summary">
        {t.filters.shown(shown, total)}
      </span>
      <button type="button" className="link" onClick={() => onChange({ ...defaultFilters, lanes: filters.lanes })}>
        {t.filters.clear}
      </button>
    </form>
  );
});
