import { formatDoneOf } from '../../machines/percent';
import type { Counts } from '../../machines/progress';
import { t } from '../i18n';

/**
 * What a progress counts apart from the plan (Progress.extra: remediation after inspection), on a
 * line of its own under the plan's figure. Nothing when there is none, and nothing for a review
 * frozen before `extra` existed (it shows what it froze).
 */
export function ExtraLine({ extra, testid, words = t.progress.extraLine }: {
  extra: Counts | undefined;
  testid: string;
  words?: (doneOf: string, overdue: number) => string;
}) {
  if (!extra || extra.total === 0) return null;
  return <p className="progress-extra" data-testid={testid}>{words(formatDoneOf(extra), extra.overdue)}</p>;
}
