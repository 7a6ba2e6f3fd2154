import type { Task } from '../../machines/api';
import { viCollator } from '../i18n/format';
import { tf } from './i18n';

/** For prints: each task that has files, by code, with its files' names (the year's report). */
export function EvidenceTable({ tasks }: { tasks: readonly Task[] }) {
  const words = tf();
  const rows = tasks.filter((t) => t.files?.length).sort((a, b) => viCollator.compare(a.code, b.code));
  if (!rows.length) return <p>{words.none}</p>;
  return (
    <table className="od-table" data-testid="report-files">
      <thead>
        <tr>
          <th scope="col">STT</th>
          <th scope="col">Nhiệm vụ</th>
          <th scope="col">{words.files}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.id}>
            <td>{t.code}</td>
            <td>{t.title}</td>
            <td>{t.files!.map((f) => f.name).join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
