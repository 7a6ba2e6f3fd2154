import type { PlanDetail, User } from '../../machines/api';
import { TopBar } from '../ui/TopBar';
import { InspectionDetail } from './InspectionDetail';
import { InspectionList } from './InspectionList';
import { ti } from './i18n';
import type { InspectionRoute } from './route';
import { useInspection, useProgramme } from './useInspections';

interface InspectionsScreenProps {
  user: User;
  route: Exclude<InspectionRoute, { page: 'print' }>;
  onLogout(): void;
  onSessionEnded(): void;
  onSwitchLanguage(): void;
}

/** /inspections and /inspections/:id, under the same top bar as the board. */
export function InspectionsScreen({ user, route, onLogout, onSessionEnded, onSwitchLanguage }: InspectionsScreenProps) {
  const { state, error, connected, reload } = useProgramme(onSessionEnded);
  const unit = state.plan?.units.find((u) => u.id === user.unitId);
  return (
    <div className="app">
      <TopBar user={user} unit={unit} connected={connected} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage} />
      <main className="inspections-main">
        {error && <p role="alert" className="field-error">{error}</p>}
        {!state.plan || !state.programme ? (
          <p className="splash">{ti().loading}</p>
        ) : route.page === 'list' ? (
          <InspectionList user={user} plan={state.plan} programme={state.programme} people={state.people} onCreated={reload} />
        ) : (
          <DetailPage key={route.id} id={route.id} onSessionEnded={onSessionEnded} plan={state.plan} people={state.people} onProgrammeChanged={reload} />
        )}
      </main>
    </div>
  );
}

function DetailPage({
  id,
  plan,
  people,
  onSessionEnded,
  onProgrammeChanged,
}: {
  id: string;
  plan: PlanDetail;
  people: Map<string, User>;
  onSessionEnded(): void;
  onProgrammeChanged(): void;
}) {
  const { inspection, history, error, reload, accept } = useInspection(id, onSessionEnded);
  if (error && !inspection) return <p role="alert" className="field-error">{error}</p>;
  if (!inspection) return <p className="splash">{ti().loading}</p>;
  return (
    <InspectionDetail
      inspection={inspection}
      history={history}
      plan={plan}
      people={people}
      onChanged={(next) => {
        if (next) accept(next);
        else void reload();
        onProgrammeChanged();
      }}
    />
  );
}
