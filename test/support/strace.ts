/** Reading `strace -f -o FILE` output: which thread made which call, and when it returned. */

/** One system call seen by strace: which thread, the call and its first argument, its text, and when it returned. */
export interface Call {
  pid: number;
  name: string;
  fd: number;
  text: string;
  /** Line number in the trace at which the call returned (its result line). */
  returnedAt: number;
  /** Line number at which it was entered. */
  enteredAt: number;
}

/** Parses `strace -f` output, joining `<unfinished ...>` calls with their `<... resumed>` ends. */
export function parseTrace(trace: string): Call[] {
  const calls: Call[] = [];
  const open = new Map<number, Omit<Call, 'returnedAt'>>();
  trace.split('\n').forEach((line, n) => {
    const m = /^(\d+) +(.*)$/.exec(line);
    if (!m) return;
    const pid = Number(m[1]);
    const rest = m[2];
    const resumed = /^<\.\.\. (\w+) resumed>(.*)$/.exec(rest);
    if (resumed) {
      const started = open.get(pid);
      if (started) {
        open.delete(pid);
        calls.push({ ...started, text: started.text + resumed[2], returnedAt: n });
      }
      return;
    }
    const call = /^(\w+)\((\d+)?(.*)$/.exec(rest);
    if (!call) return;
    const entry = { pid, name: call[1], fd: call[2] === undefined ? -1 : Number(call[2]), text: rest, enteredAt: n };
    if (rest.endsWith('<unfinished ...>')) open.set(pid, entry);
    else calls.push({ ...entry, returnedAt: n });
  });
  return calls;
}
