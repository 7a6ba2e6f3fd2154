import { z } from 'zod';
import { TASK_EVENT_RULES, TASK_EVENT_TYPES, type TaskEventType } from '../../machines/task';
import { FileRefSchema } from '../../machines/files';
import { registerPayloadSchema } from '../store/entries';

/**
 * What plan and task entries carry, checked whenever an entry is read back from disk or database
 * (a discriminated union on the event type). Lenient where old logs differ (extra fields pass),
 * strict where applying would go wrong (a CREATE without a definition, a deadline that is no date).
 */
const text = z.string().min(1);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const note = { comment: z.string().optional() };

// What each move must carry comes from the task machine's rule table, not restated here.
// A move whose text files may stand in for (SUBMIT) carries one or the other; each file names its sha256.
const taskPayloadOf = (type: TaskEventType) => {
  const { needs, orFiles } = TASK_EVENT_RULES[type];
  const files = { files: z.array(FileRefSchema).optional() };
  if (needs && orFiles) {
    return z
      .object({ type: z.literal(type), ...note, ...files, [needs]: text.optional() })
      .passthrough()
      .refine((p) => p[needs] !== undefined || (p.files?.length ?? 0) > 0, { message: `${needs} or files` });
  }
  return z.object({ type: z.literal(type), ...note, ...files, ...(needs ? { [needs]: text } : {}) }).passthrough();
};
const [firstType, ...otherTypes] = TASK_EVENT_TYPES;
export const TaskPayload = z.discriminatedUnion('type', [taskPayloadOf(firstType), ...otherTypes.map(taskPayloadOf)]);

const TaskDefinition = z.object({ id: text, code: text, areaId: text, ownerUnitId: text, deadline: date }).passthrough();

export const PlanPayload = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('CREATE'),
      definition: z.object({ id: text, year: z.number(), areas: z.array(z.unknown()), units: z.array(z.unknown()), tasks: z.array(TaskDefinition) }).passthrough(),
    })
    .passthrough(),
  z.object({ type: z.literal('ISSUE'), decisionNo: text, decisionDate: date }).passthrough(),
  z.object({ type: z.literal('CLOSE') }).passthrough(),
  z.object({ type: z.literal('ADD_TASK'), task: TaskDefinition, reason: z.string().optional() }).passthrough(),
  z.object({ type: z.literal('CHANGE_DEADLINE'), deadline: date, previousDeadline: date, reason: z.string().optional() }).passthrough(),
  z.object({ type: z.literal('CHANGE_SETTINGS'), settings: z.record(z.string(), z.unknown()) }).passthrough(),
]);

registerPayloadSchema('task', TaskPayload);
const KNOWN_PLAN_TYPES = new Set(PlanPayload.options.map((o) => o.shape.type.value as string));

// Plan event types added by later work are checked by their own schemas; the known ones strictly.
registerPayloadSchema(
  'plan',
  z
    .object({ type: z.string() })
    .passthrough()
    .superRefine((value, ctx) => {
      if (!KNOWN_PLAN_TYPES.has(value.type)) return;
      const parsed = PlanPayload.safeParse(value);
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    }),
);
