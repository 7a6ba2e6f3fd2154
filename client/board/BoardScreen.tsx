import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { Task, User } from '../../machines/api';
import type { TaskEventType, TaskInputField } from '../../machines/task';
import { formatDateVi } from '../../machines/dates';
import { t } from '../i18n';
import { ProgressHeader } from '../progress/ProgressHeader';
import { Toasts, useToasts } from '../ui/Toasts';
import { TopBar } from '../ui/TopBar';
import { Board } from './Board';
import { CardDetail } from './CardDetail';
import { Filters } from './Filters';
import { createGrouper, defaultFilters, type BoardFilters } from './grouping';
import { inputNeeded } from './moves';
import { MoveForm } from './MoveForm';
import { useBoard } from './useBoard';
import { PHONE_QUERY } from '../ui/phone';

/**
 * A moved card is a new element in another column, so the focus it had is lost; give it back to
 * the card so a keyboard user carries on from where they were. Never steals focus from elsewhere.
 */
function refocusCard(taskId: string, attempts = 3) {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const handle = document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(taskId)}"] [data-testid="card-handle"]`);
    if (handle) handle.focus();
    else if (attempts > 0) refocusCard(taskId, attempts - 1);
  });
}

interface BoardScreenProps {
  user: User;
  onLogout(): void;
  onSessionEnded(): void;
  onSwitchLanguage(): void;
}

interface MoveRequest {
  task: Task;
  event: TaskEventType;
  field: TaskInputField;
}

export function BoardScreen({ user, onLogout, onSessionEnded, onSwitchLanguage }: BoardScreenProps) {
  const { toasts, push, dismiss } = useToasts();
  const [asOf, setAsOf] = useState<string | null>(null);
  const onLoadError = useCallback(
    (message: string) => {
      push('error', message);
      // A date the plan did not exist on: back to today rather than a board that pretends.
      setAsOf(null);
    },
    [push],
  );
  const { state, connected, move } = useBoard(onSessionEnded, asOf, onLoadError);
  // A unit head on a phone opens on their own unit's tasks (the filter shows it, and clears).
  const [filters, setFilters] = useState<BoardFilters>(() => ({
    ...defaultFilters,
    mine: user.role === 'unitHead' && Boolean(user.unitId) && window.matchMedia(PHONE_QUERY).matches,
  }));
  const deferredFilters = useDeferredValue(filters);
  // A finding's link (/?task=<id>) opens that task's card.
  const [detailId, setDetailId] = useState<string | null>(() => new URLSearchParams(location.search).get('task'));
  const [moveRequest, setMoveRequest] = useState<MoveRequest | null>(null);

  const plan = state.plan;
  const units = useMemo(() => new Map((plan?.units ?? []).map((unit) => [unit.id, unit])), [plan?.units]);
  const areas = useMemo(() => new Map((plan?.areas ?? []).map((area) => [area.id, area])), [plan?.areas]);

  // Remembers the last grouping: a move re-places one card instead of re-grouping 5,000.
  const [group] = useState(createGrouper);
  const grouped = useMemo(
    () =>
      group(state, deferredFilters, {
        areas: plan?.areas ?? [],
        units: plan?.units ?? [],
        myUnitId: user.unitId,
      }),
    // Only what grouping reads; `state` changes identity on progress events too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.tasks, state.order, state.searchText, state.pending, deferredFilters, plan?.areas, plan?.units, user.unitId, group],
  );

  // Callbacks handed to thousands of memoised cards must never change identity: read state via a ref.
  const stateRef = useRef(state);
  stateRef.current = state;
  const taskOf = useCallback((id: string): Task | undefined => {
    const { tasks, pending } = stateRef.current;
    const task = tasks.get(id);
    const shown = pending.get(id);
    return task && shown ? { ...task, state: shown } : task;
  }, []);

  const perform = useCallback(
    async (task: Task, event: TaskEventType, input?: { evidence?: string; reason?: string; files?: string[] }) => {
      const moving = move(task, event, input);
      refocusCard(task.id);
      const outcome = await moving;
      push(outcome.ok ? 'info' : 'error', outcome.message);
      refocusCard(task.id);
    },
    [move, push],
  );
  const onMove = useCallback(
    (task: Task, event: TaskEventType) => {
      const field = inputNeeded(event);
      if (field) setMoveRequest({ task, event, field });
      else void perform(task, event);
    },
    [perform],
  );
  const onOpen = useCallback((id: string) => setDetailId(id), []);

  const detailTask = detailId ? taskOf(detailId) : undefined;
  const myUnit = user.unitId ? units.get(user.unitId) : undefined;

  return (
    <div className="app">
      <TopBar user={user} unit={myUnit} connected={connected} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage} />
      <ProgressHeader
        title={plan ? plan.title : t.board.loading}
        subtitle={plan ? t.planLine(plan.status, plan.decision) : undefined}
        progress={state.progress}
        settings={plan?.settings}
        areas={plan?.areas ?? []}
      />
      {state.status === 'ready' && plan ? (
        <>
          <Filters
            filters={filters}
            onChange={setFilters}
            areas={plan.areas}
            units={plan.units}
            hasUnit={Boolean(user.unitId)}
            shown={grouped.shown}
            total={state.tasks.size}
            asOf={asOf}
            onAsOfChange={setAsOf}
          />
          {asOf && (
            <p className="past-banner" role="status" data-testid="past-banner">
              {t.board.past(formatDateVi(asOf))}
            </p>
          )}
          <main className="board-main" aria-label={t.board.label}>
            <Board
              grouped={grouped}
              lanesOn={deferredFilters.lanes !== 'none'}
              pending={state.pending}
              units={units}
              taskOf={taskOf}
              readOnly={asOf !== null}
              onOpen={onOpen}
              onMove={onMove}
            />
          </main>
        </>
      ) : (
        <main className="board-main board-message" aria-busy={state.status === 'loading'}>
          {state.status === 'noPlan' ? t.board.noPlan : state.status === 'error' ? (
            <p role="alert">{state.error}</p>
          ) : (
            t.board.loading
          )}
        </main>
      )}
      {detailTask && (
        <CardDetail
          task={detailTask}
          areas={areas}
          units={units}
          pending={state.pending.has(detailTask.id)}
          onMove={onMove}
          onClose={() => setDetailId(null)}
        />
      )}
      {moveRequest && (
        <MoveForm
          task={moveRequest.task}
          event={moveRequest.event}
          field={moveRequest.field}
          onCancel={() => {
            setMoveRequest(null);
            refocusCard(moveRequest.task.id);
          }}
          onSubmit={(value, files) => {
            const { task, event, field } = moveRequest;
            setMoveRequest(null);
            // The task may have changed while the form was open; send against what the board shows now.
            void perform(taskOf(task.id) ?? task, event, { ...(value ? { [field]: value } : {}), ...(files.length ? { files } : {}) });
          }}
        />
      )}
      <Toasts toasts={toasts} dismiss={dismiss} />
    </div>
  );
}
