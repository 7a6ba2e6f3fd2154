import { useEffect, useState, type ReactElement } from 'react';
import { localDate } from '../../machines/dates';
import type { PlanDetail } from '../../machines/api';
import type { ParIndex, ParNode } from '../../machines/parApi';
import { L } from '../i18n/leadership';
import { api } from '../net/http';
import { indexPercent } from '../par/ParListPage';
import { parApi } from '../par/parApi';
import { formatPoints } from '../par/points';
import { P } from '../par/words';
import type { PageProps } from '../router';
import { OfficialDocument } from './OfficialDocument';

const diff = (n: { selfScore?: number; appraisedScore?: number }) =>
  n.appraisedScore !== undefined && n.selfScore !== undefined ? formatPoints(Math.round((n.appraisedScore - n.selfScore) * 100) / 100) : '';

/** /print/par/:id: the self-assessment table in the official layout, per criterion, area totals and the index. */
export default function ParReport({ params, onSessionEnded }: PageProps) {
  const [index, setIndex] = useState<ParIndex>();
  const [plan, setPlan] = useState<PlanDetail>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    parApi
      .get(params.id)
      .then(async (next) => {
        setPlan(next.planId ? await api.plan(next.planId) : undefined);
        setIndex(next);
      })
      .catch((e: Error & { status?: number }) => (e.status === 401 ? onSessionEnded() : setError(e.message)));
  }, [params.id, onSessionEnded]);
  if (error) return <p role="alert">{error}</p>;
  if (!index) return <p>{L().loading}</p>;
  const w = P();
  const p = L().print;
  const rows = (node: ParNode, depth: number): ReactElement[] => [
    <tr key={node.code} className={depth === 0 ? 'par-print-area' : undefined} data-testid={`print-par-${node.code}`}>
      <td>{node.code}</td>
      <td style={{ paddingLeft: `${depth * 0.8}em` }}>{node.title}</td>
      <td className="num">{formatPoints(node.maxPoints)}</td>
      <td className="num">{formatPoints(node.selfScore)}</td>
      <td className="num">{formatPoints(node.appraisedScore)}</td>
      <td className="num">{diff(node)}</td>
    </tr>,
    ...(node.children ?? []).flatMap((c) => rows(c, depth + 1)),
  ];
  const selfPercent = indexPercent(index.selfPoints, index.maxPoints, plan);
  const appraisedPercent = index.appraisedPoints === undefined ? undefined : indexPercent(index.appraisedPoints, index.maxPoints, plan);
  return (
    <OfficialDocument
      agencyName={plan?.agency.name ?? ''}
      number={p.number(plan?.agency.code ?? '')}
      place="……"
      date={localDate(new Date())}
      title={w.printTitle(index.year)}
      subtitle={`${index.title} · ${w.states[index.status]}`}
      signerTitle={p.signTitle}
      backHref={`/par/${encodeURIComponent(index.id)}`}
    >
      <p data-testid="print-par-totals">
        {w.printTotals(formatPoints(index.selfPoints), formatPoints(index.maxPoints), selfPercent, index.appraisedPoints === undefined ? undefined : formatPoints(index.appraisedPoints), appraisedPercent)}
      </p>
      <table className="par-print" data-testid="print-par-table">
        <thead>
          <tr>
            <th>{w.columns.code}</th><th>{w.columns.title}</th><th>{w.columns.max}</th>
            <th>{w.columns.self}</th><th>{w.columns.appraised}</th><th>{w.columns.diff}</th>
          </tr>
        </thead>
        <tbody>{index.areas.flatMap((a) => rows(a, 0))}</tbody>
        <tfoot>
          <tr data-testid="print-par-total">
            <td /><td>{w.total}</td><td className="num">{formatPoints(index.maxPoints)}</td>
            <td className="num">{formatPoints(index.selfPoints)}</td><td className="num">{formatPoints(index.appraisedPoints)}</td><td className="num">{diff({ selfScore: index.selfPoints, appraisedScore: index.appraisedPoints })}</td>
          </tr>
          <tr>
            <td /><td>{w.indexLine}</td><td />
            <td className="num">{selfPercent}</td><td className="num">{appraisedPercent ?? '—'}</td><td />
          </tr>
        </tfoot>
      </table>
    </OfficialDocument>
  );
}
