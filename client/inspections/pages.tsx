import './inspections.css';
import type { PageProps } from '../router';
import { InspectionsScreen } from './InspectionsScreen';
import { ConclusionNotice } from './print/ConclusionNotice';

/** The inspection pages as client/router.ts mounts them (API.md, Pages). */

const screenProps = ({ user, onLogout, onSessionEnded, onSwitchLanguage }: PageProps) => ({ user, onLogout, onSessionEnded, onSwitchLanguage });

/** /inspections: the year's programme. */
export function InspectionListPage(props: PageProps) {
  return <InspectionsScreen route={{ page: 'list' }} {...screenProps(props)} />;
}

/** /inspections/:id */
export function InspectionPage(props: PageProps) {
  return <InspectionsScreen route={{ page: 'detail', id: props.params.id }} {...screenProps(props)} />;
}

/** /print/inspections/:id: the conclusion notice. */
export function ConclusionNoticePage({ params }: PageProps) {
  return <ConclusionNotice inspectionId={params.id} />;
}
