/**
 * Sampling on worker threads: decide how many threads a run may use,
 * split its chains into contiguous groups, run each group in a worker
 * from the model's recipe and join the results in chain order.
 */
import { LangevinError } from '../errors.js';
import type { LangevinModel } from '../model/types.js';
import type { SampleResult } from '../samplers/types.js';
import { chainGroups, describeChains, type ChainGroup } from './chain-groups.js';
import { joinResults } from './join-results.js';
import { runChainGroups } from './pool.js';
import type { ChainTask, RowBatch, SpawnWorker, TaskOptions } from './protocol.js';
import { defaultSpawner } from './spawn.js';

export interface ThreadRequest {
  threads?: number;
  spawnWorker?: SpawnWorker;
  onDraw?: unknown;
  onRows?: unknown;
}

export interface ThreadPlan {
  threads: number;
  spawn?: SpawnWorker;
  /** Why the run asked for more threads than it gets (beyond there being fewer chains). */
  note?: string;
}

/** Threads for this run: as asked, at most one per chain, one when the model cannot go to a worker. */
export function threadPlan(model: LangevinModel, request: ThreadRequest, chains: number): ThreadPlan {
  const asked = request.threads ?? 1;
  if (!Number.isSafeInteger(asked) || asked < 1)
    throw new LangevinError(`threads must be an integer ≥ 1, got ${asked}`);
  const threads = Math.min(asked, chains);
  if (threads <= 1) return { threads: 1 };
  const one = (why: string): ThreadPlan => ({ threads: 1, note: `running on one thread: ${why}` });
  if (!model.recipe)
    return one('this model cannot be recompiled in a worker (a score network or a hand-made model has no Stan text)');
  if (model.backend !== 'f64') return one(`the ${model.backend} backend runs on one thread`);
  if (request.onDraw && !request.onRows) return one("onDraw needs every iteration's state on this thread");
  if (request.spawnWorker) return { threads, spawn: request.spawnWorker };
  const { spawn, why } = defaultSpawner();
  return spawn ? { threads, spawn } : one(why ?? 'no worker threads');
}

export interface ThreadedOutcome {
  result: SampleResult;
  /** Run-wide (0-based) index of each chain of `result`. */
  chainIds: number[];
  failures: Array<{ chains: number[]; message: string }>;
}

export interface ThreadedHandlers {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, phase: string) => void;
  onRows?: (group: ChainGroup, batch: RowBatch) => void;
}

export async function runThreaded(
  model: LangevinModel,
  spawn: SpawnWorker,
  options: TaskOptions,
  first: number,
  threads: number,
  handlers: ThreadedHandlers & { chains?: number },
): Promise<ThreadedOutcome> {
  const chains = handlers.chains ?? 4;
  const groups = chainGroups(first, chains, threads);
  const dim = model.dim;
  const perChainInit = options.init !== undefined && options.init.length === chains * dim && chains > 1;
  const tasks: ChainTask[] = groups.map((group) => ({
    recipe: model.recipe!,
    options: {
      ...options,
      init: perChainInit
        ? options.init!.slice((group.first - first) * dim, (group.first - first + group.count) * dim)
        : options.init,
    },
    first: group.first,
    count: group.count,
    rows: handlers.onRows !== undefined,
  }));
  // progress: the group furthest behind
  const done = groups.map(() => ({ done: 0, total: 1, phase: 'warmup' }));
  const outcomes = await runChainGroups(spawn, tasks, {
    signal: handlers.signal,
    onRows: handlers.onRows,
    onProgress: (g, d, total, phase) => {
      done[g] = { done: d, total, phase };
      const slowest = done.reduce((a, b) => (b.done < a.done ? b : a));
      handlers.onProgress?.(slowest.done, slowest.total, slowest.phase);
    },
  });
  const failures = outcomes
    .filter((o) => o.error)
    .map((o) => ({
      chains: Array.from({ length: o.group.count }, (_, c) => o.group.first + c + 1),
      message: `${describeChains(o.group)} failed: ${o.error!.message}`,
      user: o.error!.user,
    }));
  const succeeded = outcomes.filter((o) => o.result).map((o) => ({ group: o.group, result: o.result! }));
  if (succeeded.length === 0) {
    // Every group failed: as the run on one thread would, with the first error.
    const errors = outcomes.map((o) => o.error!);
    if (errors.every((e) => e.user && e.message === errors[0]!.message)) throw new LangevinError(errors[0]!.message);
    throw new LangevinError(failures.map((f) => f.message).join('; '));
  }
  const joined = joinResults(succeeded);
  return { ...joined, failures: failures.map(({ chains: ids, message }) => ({ chains: ids, message })) };
}
