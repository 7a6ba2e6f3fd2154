import { useEffect, useState, type FormEvent } from 'react';
import type { PlanDetail } from '../../machines/api';
import type { ParIndexSummary } from '../../machines/parApi';
import { formatPercent } from '../../machines/percent';
import { t } from '../i18n';
import { api } from '../net/http';
import { resolvePlanId } from '../plan/usePlanData';
import { navigate, type PageProps } from '../router';
import { Link } from '../ui/Link';
import { PageFrame } from '../ui/PageFrame';
import { P } from './words';
import { parApi } from './parApi';
import { formatPoints } from './points';
import { DossierForm } from './DossierForm';
import { ParOverview } from './ParOverview';
import { UploadForm } from './UploadForm';
import './par.css';

/** The index shown with the plan's percent rule: points ÷ maximum × 100 ("92,62"). */
export const indexPercent = (points: number, max: number, plan: PlanDetail | undefined) =>
  formatPercent(Math.round(points * 100), Math.round(max * 100), plan?.settings.percentRule, t.locale);

/** /par: the indexes of the current plan's year; the coordinator or leader creates one here. */
export default function ParListPage({ user, onLogout, onSwitchLanguage }: PageProps) {
  const [plan, setPlan] = useState<PlanDetail>();
  const [indexes, setIndexes] = useState<ParIndexSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [figures, setFigures] = useState(0);
  useEffect(() => {
    resolvePlanId(undefined)
      .then(async (id) => {
        const detail = id ? await api.plan(id) : undefined;
        setPlan(detail);
        setIndexes(await parApi.list(detail?.year));
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  const w = P();
  const mayCreate = user.role === 'coordinator' || user.role === 'leader';
  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const copyFrom = String(form.get('copyFrom') ?? '');
    try {
      const { index } = await parApi.create({ year: plan!.year, title: String(form.get('title')), ...(copyFrom ? { copyFrom } : {}) });
      navigate(`/par/${encodeURIComponent(index.id)}`);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <PageFrame user={user} title={`${w.list}${plan ? ` ${plan.year}` : ''}`} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>
      {error && <p role="alert" className="form-error">{error}</p>}
      {indexes === null && !error && <p>{w.loading}</p>}
      {indexes && !indexes.length && <p>{w.empty}</p>}
      {!!indexes?.length && (
        <table className="data" data-testid="par-list">
          <thead>
            <tr><th scope="col">{w.title}</th><th scope="col">{w.columns.self}</th><th scope="col">{w.columns.appraised}</th><th scope="col">{w.columns.max}</th></tr>
          </thead>
          <tbody>
            {indexes.map((i) => (
              <tr key={i.id}>
                <td><Link href={`/par/${encodeURIComponent(i.id)}`}>{i.title}</Link> · {w.states[i.status]}</td>
                <td className="num">{formatPoints(i.selfPoints)} ({indexPercent(i.selfPoints, i.maxPoints, plan)})</td>
                <td className="num">{i.appraisedPoints === undefined ? '—' : `${formatPoints(i.appraisedPoints)} (${indexPercent(i.appraisedPoints, i.maxPoints, plan)})`}</td>
                <td className="num">{formatPoints(i.maxPoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayCreate && plan && (
        <form className="action-form" onSubmit={create} aria-labelledby="par-create">
          <h3 id="par-create">{w.create}</h3>
          <div className="fields">
            <label className="field">{w.title}<input name="title" required defaultValue={`Tự đánh giá Chỉ số CCHC năm ${plan.year}`} /></label>
            <label className="field">{w.copyFrom}
              <select name="copyFrom" defaultValue="">
                <option value="">{w.noCopy}</option>
                {indexes?.map((i) => <option key={i.id} value={i.id}>{i.title} ({i.year})</option>)}
              </select>
            </label>
          </div>
          <button type="submit">{w.create}</button>
        </form>
      )}
      {mayCreate && plan && (
        <UploadForm title={w.importIndex} templateHref="/api/par/template.xlsx" testid="par-import"
          send={async (form) => {
            form.set('year', String(plan.year));
            const { index } = await parApi.importIndex(form);
            navigate(`/par/${encodeURIComponent(index.id)}`);
            return w.created;
          }}>
          <label className="field">{w.title}<input name="title" required defaultValue={`Tự đánh giá Chỉ số CCHC năm ${plan.year}`} data-testid="par-import-title" /></label>
        </UploadForm>
      )}
      {plan && <ParOverview key={figures} year={plan.year} rule={plan.settings.percentRule} />}
      {plan && user.role === 'coordinator' && (
        <>
          <DossierForm year={plan.year} units={plan.units} onSaved={() => setFigures((n) => n + 1)} />
          <UploadForm title={w.importDossiers} templateHref="/api/dossiers/template.xlsx" testid="dossier-import"
            send={async (form) => {
              form.set('year', String(plan.year));
              const { rows } = await parApi.importDossiers(form);
              setFigures((n) => n + 1);
              return w.dossiersImported(rows.length);
            }} />
        </>
      )}
    </PageFrame>
  );
}
