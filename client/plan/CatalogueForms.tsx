import type { PlanDetail } from '../../machines/api';
import { L } from '../i18n/leadership';
import { leadershipApi } from '../net/leadershipApi';
import { ActionForm, Field, opt, str } from './forms';

/** Units and areas as data: rename a unit or an area, merge a unit into another. */
export function CatalogueForms({ plan, onDone }: { plan: PlanDetail; onDone(): void }) {
  const d = L().plan;
  const units = plan.units.map((u) => <option key={u.id} value={u.id}>{u.code} · {u.name}</option>);
  const send = leadershipApi.catalogue.bind(null, plan.id);
  return (
    <section data-testid="catalogue">
      <h2>{d.catalogue}</h2>
      <ActionForm title={d.renameUnit} testid="rename-unit" submitLabel={d.save} onDone={onDone}
        submit={(f) => send({ type: 'RENAME_UNIT', unitId: str(f, 'unitId'), name: str(f, 'name'), code: opt(f, 'code') })}>
        <Field label={d.unit}><select name="unitId" data-testid="rename-unit-id">{units}</select></Field>
        <Field label={d.newName}><input name="name" required data-testid="rename-unit-name" /></Field>
        <Field label={d.newCode}><input name="code" data-testid="rename-unit-code" /></Field>
      </ActionForm>
      <ActionForm title={d.mergeUnits} testid="merge-units" submitLabel={d.save} onDone={onDone}
        submit={(f) => send({ type: 'MERGE_UNITS', fromUnitId: str(f, 'fromUnitId'), intoUnitId: str(f, 'intoUnitId') })}>
        <Field label={d.mergeFrom}><select name="fromUnitId" data-testid="merge-from">{units}</select></Field>
        <Field label={d.mergeInto}><select name="intoUnitId" data-testid="merge-into">{units}</select></Field>
      </ActionForm>
      <ActionForm title={d.renameArea} testid="rename-area" submitLabel={d.save} onDone={onDone}
        submit={(f) => send({ type: 'RENAME_AREA', areaId: str(f, 'areaId'), name: str(f, 'name'), code: opt(f, 'code') })}>
        <Field label={d.areaField}><select name="areaId">{plan.areas.map((a) => <option key={a.id} value={a.id}>{a.code}. {a.name}</option>)}</select></Field>
        <Field label={d.newName}><input name="name" required /></Field>
        <Field label={d.newCode}><input name="code" /></Field>
      </ActionForm>
    </section>
  );
}
