import { Hono } from 'hono';
import { TaskEventBody } from '../../machines/api';
import type { AppEnv, Deps } from '../http/context';
import { requestKey } from '../http/idempotency';
import { readBody } from '../http/respond';
import { historyView, taskView } from '../engine/views';
import type { ResolvedFiles } from '../engine/decide/task';

/** One task, its workflow events, and its history. */
export function taskRoutes({ engine, files }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/:taskId', (c) => {
    const { plan, task } = engine.getTask(c.req.param('taskId'));
    return c.json(taskView(plan, task, c.get('actor'), engine.clock()));
  });
  app.post('/:taskId/events', async (c) => {
    const body = await readBody(c, TaskEventBody);
    const taskId = c.req.param('taskId');
    const actor = c.get('actor');
    // The ids become references (with each file's sha256) before deciding; the decider records them.
    const resolved: TaskEventBody & ResolvedFiles = { ...body, resolvedFiles: await files!.resolve(body.files, actor) };
    const answer = await engine.sendTaskEvent(taskId, actor, resolved, engine.now(), {
      idem: requestKey(c, { kind: 'task', id: taskId }),
      answer: (plan) => ({ task: taskView(plan, plan.tasks[taskId], actor, engine.clock()) }),
    });
    return c.json(answer);
  });
  app.get('/:taskId/history', async (c) => c.json((await engine.history(c.req.param('taskId'))).map(historyView)));
  return app;
}
