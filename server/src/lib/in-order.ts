/**
 * `items.map(fn)` for an async `fn`, one item after another: each call sees what the previous ones
 * did (rows they wrote, maps they filled), as the synchronous loop it replaces did, and a transaction
 * never has two of its statements in flight.
 */
export async function mapInOrder<T, U>(items: Iterable<T>, fn: (item: T, index: number) => Promise<U>): Promise<U[]> {
  const out: U[] = []
  let i = 0
  for (const item of items) out.push(await fn(item, i++))
  return out
}
