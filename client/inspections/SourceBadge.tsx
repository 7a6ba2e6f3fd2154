import type { Task } from '../../machines/api';
import { ti } from './i18n';
import { inspectionPath } from './route';

type Source = NonNullable<Task['source']>;

/** "Từ kiểm tra 432/QĐ-STP", and "(cuộc kiểm tra đã hủy)" when it was cancelled. */
const label = (source: Source) =>
  source.inspectionCancelled ? `${ti().fromInspection(source.decisionNo)} (${ti().inspectionCancelled})` : ti().fromInspection(source.decisionNo);

/** Where the finding is: the inspection's page, scrolled to the finding's row. */
export const findingHref = (source: Source) =>
  `${inspectionPath(source.inspectionId)}#finding-${encodeURIComponent(source.findingId)}`;

/**
 * On the card face, a label only: the face is the drag handle (role=button), and a link inside a
 * button is neither valid nor reachable by keyboard. The card's detail carries the link.
 */
export function SourceLabel({ source }: { source: Source }) {
  return <span className="badge badge-source" data-testid="card-source">{label(source)}</span>;
}

/** In the card's detail: "Từ kiểm tra 432/QĐ-STP", linking to the finding. */
export function SourceLink({ source }: { source: Source }) {
  return <a href={findingHref(source)} data-testid="card-source-link">{label(source)}</a>;
}
