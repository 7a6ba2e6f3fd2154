import type { Decision, PlanStatus } from '../../machines/plan';
import type { Role } from '../../machines/roles';
import type { TaskEventType, TaskState } from '../../machines/task';
import { formatDateVi } from '../../machines/dates';
import type { Dict } from './vi';

/**
 * The optional English board. Dates stay dd/MM/yyyy (the documents' format); server messages stay
 * Vietnamese, as the server writes them.
 */
const numberEn = new Intl.NumberFormat('en-US');
const num = (n: number) => numberEn.format(n);
const states: Record<TaskState, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  inReview: 'In review',
  done: 'Done',
  cancelled: 'Cancelled',
};
const events: Record<TaskEventType, string> = {
  START: 'Start',
  SUBMIT: 'Submit result',
  APPROVE: 'Approve',
  RETURN: 'Return',
  REOPEN: 'Reopen',
  CANCEL: 'Cancel task',
};
const roles: Record<Role, string> = {
  leader: 'Department leadership',
  coordinator: 'Reform focal point',
  unitHead: 'Unit head',
  inspector: 'Inspection team member',
  viewer: 'Viewer',
};
const planStatus: Record<PlanStatus, string> = { draft: 'Draft', issued: 'Issued', closed: 'Closed' };

export const en: Dict = {
  locale: 'en-US',
  number: num,
  switchTo: 'Tiếng Việt',
  switchToLabel: 'Chuyển sang tiếng Việt',
  appName: 'Tiến Độ',
  planLine: (status: PlanStatus, decision?: Decision) =>
    planStatus[status] + (decision ? ` · no. ${decision.no} of ${formatDateVi(decision.date)}` : ''),
  states,
  events,
  roles,
  planStatus,
  login: {
    title: 'Sign in',
    subtitle: 'Administrative reform plan progress',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    missing: 'Please enter your username and password.',
  },
  session: {
    logout: 'Sign out',
    loading: 'Loading…',
    noUnit: 'No unit',
    offline: 'Connection to the server lost, reconnecting…',
  },
  board: {
    past: (date: string) => `Showing the plan as it stood at the end of ${date}: read only.`,
    label: 'Task board',
    loading: 'Loading the plan…',
    noPlan: 'There is no plan yet.',
    empty: 'No tasks',
    count: (n: number) => `${num(n)} tasks`,
    cancelZone: 'Drop here to cancel the task',
    notAllowed: 'You may not move it here',
  },
  card: {
    overdue: 'Overdue',
    onTime: 'On time',
    late: 'Late',
    deadline: 'Deadline',
    moveTo: 'Move to…',
    noMoves: 'You have no moves for this task.',
    pending: 'Saving…',
    moveMenu: (code: string) => `Move task ${code} to another column`,
  },
  move: {
    option: (event: string, state: string) => `${state} (${event})`,
    fieldLabel: { evidence: 'Evidence', reason: 'Reason' },
    fieldHint: {
      evidence: 'What was produced: a document number and date, or a link.',
      reason: 'Recorded in the task history.',
    },
    required: { evidence: 'Please enter the evidence.', reason: 'Please enter a reason.' },
    title: (event: string, code: string) => `${event}: task ${code}`,
    confirm: 'Confirm',
    cancel: 'Cancel',
    done: (code: string, state: string) => `Task ${code} moved to “${state}”.`,
    refused: (code: string, message: string) => `Task ${code} was not moved: ${message}`,
  },
  dnd: {
    instructions:
      'To move a task: press Space to pick the card up, use the left and right arrow keys to choose a column, ' +
      'press Space again to drop it, or Escape to cancel. The “Move to…” button on each card does the same without dragging. ' +
      'Press Enter to open the task.',
    start: (code: string, state: string) => `Picked up task ${code} from ${state}.`,
    over: (code: string, state: string) => `Task ${code} is over ${state}.`,
    overNothing: (code: string) => `Task ${code} is not over a column it can be dropped in.`,
    end: (code: string, state: string) => `Dropped task ${code} in ${state}.`,
    endNothing: (code: string) => `Task ${code} was dropped back where it was.`,
    cancel: (code: string) => `Drag cancelled; task ${code} is back where it was.`,
  },
  filters: {
    asOf: 'As of date',
    today: 'Back to today',
    label: 'Filters',
    search: 'Search by task code or title',
    searchPlaceholder: 'Search code, title…',
    area: 'Area',
    unit: 'Owning unit',
    all: 'All',
    mine: 'My unit',
    overdue: 'Overdue',
    cancelled: 'Show cancelled tasks',
    lanes: 'Swimlanes',
    laneOptions: { none: 'None', area: 'By area', unit: 'By unit' },
    clear: 'Clear filters',
    shown: (shown: number, total: number) => `Showing ${num(shown)}/${num(total)} tasks`,
  },
  detail: {
    close: 'Close',
    code: 'Code',
    title: 'Task',
    area: 'Area',
    owner: 'Owning unit',
    coordinating: 'Coordinating units',
    output: 'Expected output',
    deadline: 'Deadline',
    state: 'State',
    completedAt: 'Completed',
    result: 'Timeliness',
    evidence: 'Evidence',
    version: 'Version',
    none: '—',
    history: 'History',
    historyLoading: 'Loading history…',
    historyEmpty: 'No changes yet.',
    historyCols: { at: 'When', by: 'By', event: 'Action', move: 'State change', note: 'Notes' },
    reason: 'Reason',
    comment: 'Comment',
  },
  progress: {
    label: 'Plan progress',
    onTime: 'on time',
    late: 'late',
    overdue: 'overdue',
    inReview: 'in review',
    inProgress: 'in progress',
    notStarted: 'not started',
    byArea: 'By area',
    area: (code: string, name: string) => `Area ${code}: ${name}`,
    extra: 'Post-inspection remediation',
    extraLine: (doneOf: string, overdue: number) =>
      `Post-inspection remediation: ${doneOf} tasks${overdue ? `, ${overdue} overdue` : ''} (not counted in the plan's rate)`,
  },
  errors: {
    network: 'Cannot reach the server. Please try again.',
    unexpected: (status: number) => `Unexpected server error (status ${status}).`,
    sessionEnded: 'Your session has ended; please sign in again.',
    dismiss: 'Dismiss',
  },
};
