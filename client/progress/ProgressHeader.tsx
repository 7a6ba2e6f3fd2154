import { memo } from 'react';
import type { Area, PlanSettings } from '../../machines/api';
import { DEFAULT_PERCENT_RULE, formatCompletion, formatDoneOf, formatPercent, type PercentRule } from '../../machines/percent';
import type { Counts, Progress } from '../../machines/progress';
import { t } from '../i18n';
import { areaShortName } from './areaShortName';

interface ProgressHeaderProps {
  title: string;
  subtitle?: string;
  progress: Progress | null;
  settings: PlanSettings | undefined;
  areas: readonly Area[];
}

const count = (n: number) => t.number(n);

/**
 * The numbers leadership reads, live from the stream's `progress` events: the plan's own tasks,
 * with remediation after inspection (Progress.extra) shown apart, never in the percentage.
 * Memoised: it re-renders on `progress` events, not on every move the board makes.
 */
export const ProgressHeader = memo(function ProgressHeader({ title, subtitle, progress, settings, areas }: ProgressHeaderProps) {
  const rule = settings?.percentRule ?? DEFAULT_PERCENT_RULE;
  if (!progress) return <section className="progress" aria-label={t.progress.label} />;
  const byArea = new Map(progress.byArea.map((row) => [row.areaId, row]));
  const denominator = progress.total - progress.cancelled;
  return (
    <section className="progress" aria-label={t.progress.label} data-testid="progress">
      <div className="progress-main">
        <h1 className="plan-title">
          {title}
          {subtitle && <span className="plan-subtitle"> · {subtitle}</span>}
        </h1>
        <p className="progress-completion" data-testid="progress-completion" aria-live="polite">
          {formatCompletion(progress, rule, t.locale)}
        </p>
        <div
          className="bar bar-main"
          role="progressbar"
          aria-label={t.progress.label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress.percent * 100) / 100}
          aria-valuetext={formatPercent(progress.done, denominator, rule, t.locale)}
        >
          <span style={{ width: `${Math.min(100, progress.percent)}%` }} />
        </div>
        <ul className="progress-counts" data-testid="progress-counts">
          <li className="count-ontime" data-testid="count-ontime"><strong>{count(progress.doneOnTime)}</strong> {t.progress.onTime}</li>
          <li className="count-late" data-testid="count-late"><strong>{count(progress.doneLate)}</strong> {t.progress.late}</li>
          <li className="count-overdue" data-testid="count-overdue"><strong>{count(progress.overdue)}</strong> {t.progress.overdue}</li>
          <li><strong>{count(progress.inReview)}</strong> {t.progress.inReview}</li>
          <li><strong>{count(progress.inProgress)}</strong> {t.progress.inProgress}</li>
          <li><strong>{count(progress.notStarted)}</strong> {t.progress.notStarted}</li>
          {progress.extra.total > 0 && <ExtraCount extra={progress.extra} />}
        </ul>
      </div>
      <ul className="progress-areas" aria-label={t.progress.byArea}>
        {areas.map((area) => {
          const row = byArea.get(area.id);
          if (!row) return null;
          return (
            <AreaRow
              key={area.id}
              code={area.code}
              name={area.name}
              shortName={areaShortName(area.name)}
              done={row.done}
              total={row.total}
              cancelled={row.cancelled}
              percent={row.percent}
              rule={rule}
            />
          );
        })}
      </ul>
    </section>
  );
});

/** "Khắc phục sau kiểm tra: 0/1 · 1 quá hạn": counted apart from the plan. */
function ExtraCount({ extra }: { extra: Counts }) {
  return (
    <li className="count-extra" data-testid="progress-extra">
      {t.progress.extra}: <strong>{formatDoneOf(extra)}</strong>
      {extra.overdue > 0 && <span className="count-overdue"> · <strong>{count(extra.overdue)}</strong> {t.progress.overdue}</span>}
    </li>
  );
}

interface AreaRowProps {
  code: string;
  name: string;
  /** What the bar is labelled with: the words that tell the area apart (areaShortName). */
  shortName: string;
  done: number;
  total: number;
  cancelled: number;
  percent: number;
  rule: PercentRule;
}

/** One area's bar. Memoised on its numbers: a move changes one area, and formatting is not free. */
const AreaRow = memo(function AreaRow({ code, name, shortName, done, total, cancelled, percent, rule }: AreaRowProps) {
  const text = formatCompletion({ done, total, cancelled }, rule, t.locale);
  return (
    <li title={`${t.progress.area(code, name)}: ${text}`} data-testid={`area-progress-${code}`}>
      {/* Seen, not read: screen readers get the full name below. */}
      <span className="area-name" aria-hidden="true" data-testid={`area-name-${code}`}>
        <span className="area-code">{code}</span> {shortName}
      </span>
      <span className="bar" role="presentation">
        <span style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
      <span className="visually-hidden">{`${t.progress.area(code, name)}: `}</span>
      <span className="area-percent">{formatPercent(done, total - cancelled, rule, t.locale)}</span>
    </li>
  );
});
