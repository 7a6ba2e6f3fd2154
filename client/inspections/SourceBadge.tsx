import { isInspectionSource, type Task } from '../../machines/api';
import { ti } from './i18n';
import { inspectionPath } from './route';

type Source = NonNullable<Task['source']>;

/** "Từ kiểm tra 432/QĐ-STP" ("(cuộc kiểm tra đã hủy)" when cancelled), or "Từ Chỉ số CCHC, tiêu chí 1.2". */
const label = (source: Source) => {
  if (!isInspectionSource(source)) return ti().fromPar(source.criterion);
  return source.inspectionCancelled ? `${ti().fromInspection(source.decisionNo)} (${ti().inspectionCancelled})` : ti().fromInspection(source.decisionNo);
};

/** Where the task came from: the finding's row on its inspection's page, or the criterion on the index's page. */
export const sourceHref = (source: Source) =>
  isInspectionSource(source)
    ? `${inspectionPath(source.inspectionId)}#finding-${encodeURIComponent(source.findingId)}`
    : `/par/${encodeURIComponent(source.parIndexId)}#criterion-${encodeURIComponent(source.criterion)}`;

/**
 * On the card face, a label only: the face is the drag handle (role=button), and a link inside a
 * button is neither valid nor reachable by keyboard. The card's detail carries the link.
 */
export function SourceLabel({ source }: { source: Source }) {
  return <span className="badge badge-source" data-testid="card-source">{label(source)}</span>;
}

/** In the card's detail: the origin, linking to it. */
export function SourceLink({ source }: { source: Source }) {
  return <a href={sourceHref(source)} data-testid="card-source-link">{label(source)}</a>;
}
