import type { Unit } from '../../machines/api';
import type { UnitVerdict } from '../../machines/emulation';
import { L } from '../i18n/leadership';
import { t } from '../i18n';

/** Each unit's verdict with its counts; shared by the dashboard and the annual report. */
export function EmulationTable({ verdicts, units }: { verdicts: UnitVerdict[]; units: Unit[] }) {
  const d = L();
  const name = new Map(units.map((u) => [u.id, u.name]));
  const final = verdicts.some((v) => v.final);
  return (
    <>
      <p className="emulation-status" data-testid="emulation-status">{final ? d.dashboard.final : d.dashboard.provisional}</p>
      <table className="data" data-testid="emulation">
        <thead><tr><th>{d.cols.unitName}</th><th>{d.cols.verdict}</th><th>{d.cols.done}</th><th>{d.cols.doneLate}</th><th>{d.cols.notDone}</th><th>{d.cols.note}</th></tr></thead>
        <tbody>{verdicts.map((v) => (
          <tr key={v.unitId} data-testid={`emulation-${v.unitId}`} className={`verdict-${v.verdict}`}>
            <td>{name.get(v.unitId) ?? v.unitId}</td><td>{d.verdict[v.verdict]}</td>
            <td className="num">{t.number(v.done)}</td><td className="num">{t.number(v.doneLate)}</td><td className="num">{t.number(v.notDone)}</td>
            <td>{v.note ?? ''}</td>
          </tr>
        ))}</tbody>
      </table>
    </>
  );
}
