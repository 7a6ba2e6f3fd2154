import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactElement } from 'react';
import type { PlanDetail } from '../../machines/api';
import type { ParIndex, ParNode } from '../../machines/parApi';
import type { ParEventType } from '../../machines/par';
import { PAR_EVENT_RULES } from '../../machines/par';
import { viCollator } from '../i18n/format';
import { api } from '../net/http';
import type { PageProps } from '../router';
import { Link } from '../ui/Link';
import { PageFrame } from '../ui/PageFrame';
import { DateInput } from '../ui/DateInput';
import { indexPercent } from './ParListPage';
import { parApi } from './parApi';
import { formatPoints, parsePoints } from './points';
import { P } from './words';
import { FileList } from '../files/FileList';
import { FilePicker } from '../files/FilePicker';
import { useUploads } from '../files/useUploads';
import { tf } from '../files/i18n';
import './par.css';

type Filter = 'all' | 'belowMax' | 'noEvidence';

const leaves = (nodes: ParNode[]): ParNode[] => nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));

/** Shows a node when the filter keeps it or any leaf below it. */
function keeps(node: ParNode, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (node.children) return node.children.some((c) => keeps(c, filter));
  if (filter === 'belowMax') return node.selfScore === undefined || node.selfScore < node.maxPoints;
  return node.files.length === 0;
}

/** /par/:id: the tree with self, appraised and maximum points, evidence per leaf, and each step the reader may take. */
export default function ParPage({ user, params, onLogout, onSwitchLanguage, onSessionEnded }: PageProps) {
  const [index, setIndex] = useState<ParIndex>();
  const [plan, setPlan] = useState<PlanDetail>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const w = P();
  const load = useCallback(async () => {
    try {
      const next = await parApi.get(params.id);
      setIndex(next);
      if (next.planId) setPlan(await api.plan(next.planId));
    } catch (e) {
      if ((e as { status?: number }).status === 401) onSessionEnded();
      else setError((e as Error).message);
    }
  }, [params.id, onSessionEnded]);
  useEffect(() => void load(), [load]);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      setError(null);
      setNotice(done ?? w.saved);
      await load();
    } catch (e) {
      setNotice(null);
      setError((e as Error).message);
    }
  };
  const unitName = useMemo(() => {
    const names = new Map(plan?.units.map((u) => [u.id, u.code] as const));
    return (id?: string) => (id ? (names.get(id) ?? id) : '');
  }, [plan]);

  async function lifecycle(type: ParEventType) {
    let reason: string | undefined;
    if (PAR_EVENT_RULES[type].needs === 'reason') {
      reason = window.prompt(`${w.events[type]} — ${w.reason}`) ?? undefined;
      if (!reason?.trim()) return;
    }
    await run(() => parApi.event(params.id, { type, expectedVersion: index!.version, reason }));
  }

  return (
    <PageFrame user={user} title={index?.title ?? w.detail} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>
      <p><Link href="/par">← {w.list}</Link></p>
      {error && <p role="alert" className="form-error" data-testid="par-error">{error}</p>}
      {notice && <p role="status" data-testid="par-notice">{notice}</p>}
      {!index && !error && <p>{w.loading}</p>}
      {index && (
        <>
          <section className="par-head" aria-label={w.detail}>
            <p data-testid="par-status"><strong>{w.states[index.status]}</strong>{index.reopenReason ? ` · ${w.reason}: ${index.reopenReason}` : ''}</p>
            <p data-testid="par-totals">{w.totals(formatPoints(index.selfPoints), formatPoints(index.maxPoints), indexPercent(index.selfPoints, index.maxPoints, plan))}</p>
            {index.appraisedPoints !== undefined && (
              <p data-testid="par-appraised">{w.appraisedTotals(formatPoints(index.appraisedPoints), indexPercent(index.appraisedPoints, index.maxPoints, plan))}</p>
            )}
            <div className="par-actions">
              {index.allowedEvents.map((type) => (
                <button key={type} type="button" onClick={() => void lifecycle(type)} data-testid={`par-event-${type}`}>{w.events[type]}</button>
              ))}
              <a href={`/api/par/${encodeURIComponent(index.id)}/export.xlsx`}>{w.export}</a>
              <Link href={`/print/par/${encodeURIComponent(index.id)}`}>{w.print}</Link>
            </div>
          </section>
          <fieldset className="par-filter">
            <legend>{w.filters}</legend>
            {(['all', 'belowMax', 'noEvidence'] as const).map((f) => (
              <label key={f} className="check">
                <input type="radio" name="par-filter" checked={filter === f} onChange={() => setFilter(f)} />
                {f === 'all' ? '—' : w[f]}
              </label>
            ))}
          </fieldset>
          <div className="par-table-wrap">
            <table className="data par-table" data-testid="par-tree">
              <thead>
                <tr>
                  <th scope="col">{w.columns.code}</th><th scope="col">{w.columns.title}</th><th scope="col">{w.columns.unit}</th>
                  <th scope="col" className="num">{w.columns.max}</th><th scope="col" className="num">{w.columns.self}</th>
                  <th scope="col" className="num">{w.columns.appraised}</th><th scope="col" className="num">{w.columns.diff}</th>
                  <th scope="col" className="num">{w.columns.evidence}</th>
                </tr>
              </thead>
              <tbody>
                {index.areas.filter((a) => keeps(a, filter)).flatMap((area) => rows(area, filter, 0))}
              </tbody>
            </table>
          </div>
          {leaves(index.areas)
            .filter((l) => l.allowedEvents.some((a) => a !== 'EDIT') && keeps(l, filter))
            .sort((a, b) => viCollator.compare(a.code, b.code))
            .map((leaf) => (
              <LeafForms key={`${leaf.code}-${leaf.version}`} leaf={leaf} plan={plan} onScore={(body) => run(() => parApi.score(index.id, leaf.code, body))}
                onAppraise={(body) => run(() => parApi.appraise(index.id, leaf.code, body))}
                onTask={(body) => run(async () => parApi.task(index.id, leaf.code, body), w.taskMade(leaf.code))} />
            ))}
        </>
      )}
    </PageFrame>
  );

  function rows(node: ParNode, f: Filter, depth: number): ReactElement[] {
    const diff = node.appraisedScore !== undefined && node.selfScore !== undefined ? node.appraisedScore - node.selfScore : undefined;
    const row = (
      <tr key={node.code} id={`criterion-${node.code}`} className={depth === 0 ? 'par-area' : node.children ? 'par-group' : 'par-leaf'} data-testid={`par-row-${node.code}`}>
        <td>{node.code}</td>
        <td style={{ paddingLeft: `${0.5 + depth}rem` }}>
          {node.title}
          {!node.children && node.method !== 'manual' && <span className="badge"> {w.methods[node.method]}</span>}
          {node.explanation && <div className="par-explanation">{node.explanation}</div>}
          {node.taskIds?.length ? <div className="par-explanation">{w.onBoard}: {node.taskIds.join(', ')}</div> : null}
        </td>
        <td>{unitName(node.unitId)}</td>
        <td className="num">{formatPoints(node.maxPoints)}</td>
        <td className="num" data-testid={`par-self-${node.code}`}>{formatPoints(node.selfScore)}</td>
        <td className="num" data-testid={`par-appraised-${node.code}`}>{formatPoints(node.appraisedScore)}</td>
        <td className="num">{diff === undefined ? '' : formatPoints(diff)}</td>
        <td className="num">{node.children ? '' : node.files.length}</td>
      </tr>
    );
    return [row, ...(node.children ?? []).filter((c) => keeps(c, f)).flatMap((c) => rows(c, f, depth + 1))];
  }
}

interface LeafFormsProps {
  leaf: ParNode;
  plan: PlanDetail | undefined;
  onScore(body: { score: number; explanation: string; expectedVersion: number; files?: string[] }): Promise<void>;
  onAppraise(body: { score: number; note?: string; expectedVersion: number }): Promise<void>;
  onTask(body: { title: string; ownerUnitId: string; deadline: string }): Promise<void>;
}

/** The steps a reader may take on one leaf now: score it, record its appraisal, or turn it into a task. */
function LeafForms({ leaf, plan, onScore, onAppraise, onTask }: LeafFormsProps) {
  const w = P();
  const [problem, setProblem] = useState<string | null>(null);
  const uploads = useUploads();
  // Evidence already attached to the plan's tasks, to pick again instead of uploading it twice.
  const planFiles = useMemo(
    () => (plan?.tasks ?? []).flatMap((task) => (task.files ?? []).map((file) => ({ file, task }))),
    [plan],
  );
  const points = (form: FormData) => {
    const value = parsePoints(String(form.get('score') ?? ''));
    setProblem(value === undefined ? w.badNumber : null);
    return value;
  };
  const submit = (handler: (form: FormData) => Promise<void> | undefined) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void handler(new FormData(e.currentTarget));
  };
  return (
    <section className="action-form par-leaf-forms" aria-label={`${leaf.code} ${leaf.title}`} data-testid={`par-forms-${leaf.code}`}>
      <h3>{leaf.code}. {leaf.title} <span className="par-max">({w.columns.max}: {formatPoints(leaf.maxPoints)})</span></h3>
      {problem && <p role="alert" className="form-error">{problem}</p>}
      {leaf.allowedEvents.includes('SCORE') && (
        <form
          {...uploads.dropTarget}
          onSubmit={submit((f) => {
            if (uploads.busy) {
              setProblem(tf().busy);
              return undefined;
            }
            const score = points(f);
            const picked = f.getAll('taskFile').map(String).filter(Boolean);
            const files = [...uploads.ready.map((u) => u.id), ...picked];
            return score === undefined ? undefined : onScore({ score, explanation: String(f.get('explanation')), expectedVersion: leaf.version, ...(files.length ? { files } : {}) });
          })}
        >
          <div className="fields">
            <label className="field">{w.score}<input name="score" inputMode="decimal" required defaultValue={leaf.selfScore === undefined ? '' : formatPoints(leaf.selfScore)} /></label>
            <label className="field par-wide">{w.explanation}<textarea name="explanation" required rows={2} defaultValue={leaf.explanation ?? ''} /></label>
          </div>
          <FileList files={leaf.files} testId={`par-files-${leaf.code}`} />
          <FilePicker uploads={uploads} />
          {planFiles.length > 0 && (
            <label className="field par-wide">{w.pickTaskEvidence}
              <select name="taskFile" multiple size={Math.min(4, planFiles.length)} data-testid={`par-task-files-${leaf.code}`}>
                {planFiles.map(({ file, task }) => <option key={`${task.id}-${file.id}`} value={file.id}>{task.code} — {file.name}</option>)}
              </select>
            </label>
          )}
          <button type="submit" data-testid={`par-score-${leaf.code}`}>{w.actions.SCORE}</button>
        </form>
      )}
      {leaf.allowedEvents.includes('APPRAISE') && (
        <form onSubmit={submit((f) => { const score = points(f); return score === undefined ? undefined : onAppraise({ score, note: String(f.get('note') ?? '') || undefined, expectedVersion: leaf.version }); })}>
          <div className="fields">
            <label className="field">{w.columns.appraised}<input name="score" inputMode="decimal" required defaultValue={leaf.appraisedScore === undefined ? '' : formatPoints(leaf.appraisedScore)} /></label>
            <label className="field par-wide">{w.note}<input name="note" defaultValue={leaf.appraisalNote ?? ''} /></label>
          </div>
          <button type="submit" data-testid={`par-appraise-${leaf.code}`}>{w.actions.APPRAISE}</button>
        </form>
      )}
      {leaf.allowedEvents.includes('CREATE_TASK') && plan && (
        <form onSubmit={submit((f) => onTask({ title: String(f.get('title')), ownerUnitId: String(f.get('owner')), deadline: String(f.get('deadline')) }))}>
          <div className="fields">
            <label className="field par-wide">{w.taskTitle}<input name="title" required defaultValue={`Khắc phục tiêu chí ${leaf.code}: ${leaf.title}`} /></label>
            <label className="field">{w.owner}
              <select name="owner" defaultValue={leaf.unitId}>
                {plan.units.map((u) => <option key={u.id} value={u.id}>{u.code} — {u.name}</option>)}
              </select>
            </label>
            <label className="field">{w.deadline}<DateInput name="deadline" required /></label>
          </div>
          <button type="submit" data-testid={`par-task-${leaf.code}`}>{w.actions.CREATE_TASK}</button>
        </form>
      )}
    </section>
  );
}
