/**
 * Runs `task` over `items` with at most `concurrency` tasks in flight. Before starting each item
 * it asks `shouldStop()`; once that answers true no new item starts, the ones in flight finish,
 * and the promise resolves. A task must not throw (it reports its own failures).
 *
 * @example
 * await runBoundedPool(issues, 4, async (issue) => { await sync(issue); }, () => signal.aborted);
 */
export async function runBoundedPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
  shouldStop: () => boolean,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !shouldStop()) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
}
