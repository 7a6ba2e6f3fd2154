import type { Actor } from '../../machines/roles';
import type { Engine } from '../engine/engine';
import { taskView } from '../engine/views';
import { MemoryIdempotencyStore, type Claim, type IdempotencyStore, type IdempotentAnswer } from './idempotency';

/**
 * Idempotency keys that outlive the process: the engine records a request's key and body hash in
 * the log entry of the event it was accepted as (the same fdatasync or transaction), so a retry
 * after a crash, a restart, or on another instance gets the original answer rebuilt from that entry
 * (the task as that event left it) instead of a second move. The memory store in front answers
 * the common case (a retry to the same process) with the exact bytes first sent, and tells a retry
 * from a request still running.
 */
export class LoggedIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly engine: Engine,
    private readonly memory: IdempotencyStore = new MemoryIdempotencyStore(),
  ) {}

  async claim(scope: string, key: string, bodyHash: string, now: Date, actor?: Actor): Promise<Claim> {
    const claim = await this.memory.claim(scope, key, bodyHash, now, actor);
    if (claim.state !== 'claimed' || !actor) return claim;
    const found = await this.engine.acceptedWithKey(key);
    if (!found || found.entry.by.id !== actor.id) return claim;
    await this.memory.release(scope, key);
    const answer = this.answerFor(found.entry.taskId, scope, actor, now);
    // The same key on another route is another request: the body hash cannot match it.
    if (!answer) return { state: 'done', bodyHash: `other request: ${found.entry.type}`, answer: { status: 200, body: '{}' } };
    return { state: 'done', bodyHash: found.bodyHash, answer: await answer(found.entry) };
  }

  private answerFor(taskId: string | undefined, scope: string, actor: Actor, now: Date) {
    if (!taskId || !scope.endsWith(` /api/tasks/${encodeURIComponent(taskId)}/events`)) return undefined;
    return async (entry: Parameters<Engine['taskAfter']>[0]): Promise<IdempotentAnswer> => {
      const { plan, task } = await this.engine.taskAfter(entry);
      return { status: 200, body: JSON.stringify({ task: taskView(plan, task, actor, now) }) };
    };
  }

  finish(scope: string, key: string, bodyHash: string, answer: IdempotentAnswer, now: Date): Promise<void> {
    return this.memory.finish(scope, key, bodyHash, answer, now);
  }

  release(scope: string, key: string): Promise<void> {
    return this.memory.release(scope, key);
  }
}
