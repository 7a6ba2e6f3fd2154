import { useEffect, useState } from 'react';
import { DOSSIER_PERIODS, dossierRates, dossierTotals, periodRows, sumCounts, type DossierRate } from '../../machines/dossiers';
import type { DossierReport, ParIndex } from '../../machines/parApi';
import { DOSSIER_PERIOD_LABELS } from '../../machines/parLabels';
import { DEFAULT_PERCENT_RULE, formatPercent, type PercentRule } from '../../machines/percent';
import { t } from '../i18n';
import { Link } from '../ui/Link';
import { parApi } from './parApi';
import { formatPoints } from './points';
import { P } from './words';

const SHOWN_RATES: DossierRate[] = ['onTimeOrEarly', 'early', 'online', 'digitizedAtIntake', 'digitizedResults'];

/**
 * For leadership (the dashboard and /par): the year's latest index per area, self vs appraised,
 * and the dossier rates per period, each computed from the raw counts by the shared rules.
 */
export function ParOverview({ year, rule = DEFAULT_PERCENT_RULE }: { year: number; rule?: PercentRule }) {
  const [index, setIndex] = useState<ParIndex | null>();
  const [dossiers, setDossiers] = useState<DossierReport>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    parApi
      .list(year)
      .then(async (list) => {
        // The index under way: the latest past its draft, else the latest.
        const pick = [...list].reverse().find((i) => i.status !== 'draft') ?? list.at(-1);
        setIndex(pick ? await parApi.get(pick.id) : null);
        setDossiers(await parApi.dossiers(year));
      })
      .catch((e: Error) => setError(e.message));
  }, [year]);
  const w = P();
  const pct = (num: number, den: number) => formatPercent(num, den, rule, t.locale);
  const hundredths = (points: number) => Math.round(points * 100);
  if (error) return <p role="alert">{error}</p>;
  const periods = DOSSIER_PERIODS.map((period) => ({ period, rows: periodRows(dossiers?.rows ?? [], year, period) })).filter((p) => p.rows.length);
  return (
    <section className="par-overview" data-testid="par-overview" aria-labelledby="par-overview-title">
      <h2 id="par-overview-title">{w.list} {year}</h2>
      {index === null && <p>{w.empty}</p>}
      {index && (
        <table className="data" data-testid="par-overview-areas">
          <caption><Link href={`/par/${encodeURIComponent(index.id)}`}>{index.title}</Link> · {w.states[index.status]}</caption>
          <thead>
            <tr><th scope="col">{w.columns.title}</th><th scope="col" className="num">{w.columns.max}</th><th scope="col" className="num">{w.columns.self}</th><th scope="col" className="num">{w.columns.appraised}</th></tr>
          </thead>
          <tbody>
            {[...index.areas, { code: '', title: w.total, maxPoints: index.maxPoints, selfScore: index.selfPoints, appraisedScore: index.appraisedPoints }].map((a) => (
              <tr key={a.code || 'total'} data-testid={`par-overview-area-${a.code || 'total'}`}>
                <th scope="row">{a.code ? `${a.code}. ` : ''}{a.title}</th>
                <td className="num">{formatPoints(a.maxPoints)}</td>
                <td className="num">{formatPoints(a.selfScore)} ({pct(hundredths(a.selfScore ?? 0), hundredths(a.maxPoints))})</td>
                <td className="num">{a.appraisedScore === undefined ? '—' : `${formatPoints(a.appraisedScore)} (${pct(hundredths(a.appraisedScore), hundredths(a.maxPoints))})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!!periods.length && (
        <table className="data" data-testid="dossier-rates">
          <caption>{w.dossiers}</caption>
          <thead>
            <tr>
              <th scope="col">{w.period}</th><th scope="col" className="num">{w.received}</th><th scope="col" className="num">{w.resolved}</th>
              {SHOWN_RATES.map((r) => <th key={r} scope="col" className="num">{w.rates[r]}</th>)}
            </tr>
          </thead>
          <tbody>
            {periods.map(({ period, rows }) => {
              const counts = sumCounts(rows);
              const totals = dossierTotals(counts);
              const rates = dossierRates(counts);
              return (
                <tr key={period} data-testid={`dossier-rates-${period}`}>
                  <th scope="row">{DOSSIER_PERIOD_LABELS[period]}</th>
                  <td className="num">{t.number(totals.received)}</td>
                  <td className="num">{t.number(totals.resolved)}</td>
                  {SHOWN_RATES.map((r) => <td key={r} className="num">{pct(rates[r].num, rates[r].den)}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
