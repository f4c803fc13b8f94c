/**
 * Run groups of chains on worker threads, one worker per group: forward
 * the abort, pass progress and row batches on, collect each group's
 * result or error. A group that fails does not stop the others.
 */
import type { ChainGroup } from './chain-groups.js';
import type { ChainTask, RowBatch, SpawnWorker } from './protocol.js';
import type { SampleResult } from '../samplers/types.js';

export interface GroupOutcome {
  group: ChainGroup;
  result?: SampleResult;
  /** `user`: a LangevinError in the worker (the same run on one thread would have failed alike). */
  error?: { message: string; user: boolean };
}

export interface PoolHandlers {
  signal?: AbortSignal;
  onProgress?: (group: number, done: number, total: number, phase: string) => void;
  onRows?: (group: ChainGroup, batch: RowBatch) => void;
}

export async function runChainGroups(
  spawn: SpawnWorker,
  tasks: readonly ChainTask[],
  handlers: PoolHandlers = {},
): Promise<GroupOutcome[]> {
  const aborters: Array<() => void> = [];
  const abortAll = (): void => aborters.forEach((abort) => abort());
  handlers.signal?.addEventListener('abort', abortAll);
  try {
    return await Promise.all(
      tasks.map(
        (task, index) =>
          new Promise<GroupOutcome>((resolve) => {
            const group = { first: task.first, count: task.count };
            let settled = false;
            let port: ReturnType<SpawnWorker> | undefined;
            const settle = (outcome: GroupOutcome): void => {
              if (settled) return;
              settled = true;
              port?.terminate();
              resolve(outcome);
            };
            try {
              port = spawn();
            } catch (error) {
              settle({
                group,
                error: { message: `could not start a worker thread: ${messageOf(error)}`, user: false },
              });
              return;
            }
            const live = port;
            live.onMessage((message) => {
              switch (message.type) {
                case 'progress':
                  handlers.onProgress?.(index, message.done, message.total, message.phase);
                  break;
                case 'rows':
                  handlers.onRows?.(group, message.batch);
                  if (!settled) live.post({ type: 'ack' });
                  break;
                case 'done':
                  settle({ group, result: message.result });
                  break;
                case 'error':
                  settle({ group, error: { message: message.message, user: message.user } });
                  break;
              }
            });
            live.onFailure((error) => settle({ group, error: { message: error.message, user: false } }));
            aborters.push(() => {
              if (!settled) live.post({ type: 'abort' });
            });
            live.post({ type: 'run', task });
            if (handlers.signal?.aborted) live.post({ type: 'abort' });
          }),
      ),
    );
  } finally {
    handlers.signal?.removeEventListener('abort', abortAll);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
