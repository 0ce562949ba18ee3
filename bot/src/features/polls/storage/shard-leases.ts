/**
 * Within one instance, concurrent votes on a poll each take a different counter shard, so
 * they never collide with each other (a collision costs a failed transaction and a re-read).
 * Instances do not coordinate: across instances a collision is possible, and the ETag on
 * the shard still catches it. When every shard is taken, a vote waits for one to be free.
 */
export class ShardLeases {
  private readonly busy = new Map<string, Set<number>>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly shards: number) {}

  async acquire(poll: string): Promise<number> {
    for (;;) {
      const busy = this.busy.get(poll) ?? new Set<number>();
      if (busy.size < this.shards) {
        const free: number[] = [];
        for (let n = 0; n < this.shards; n++) if (!busy.has(n)) free.push(n);
        const n = free[Math.floor(Math.random() * free.length)]!;
        busy.add(n);
        this.busy.set(poll, busy);
        return n;
      }
      await new Promise<void>((resolve) => this.waiting.set(poll, [...(this.waiting.get(poll) ?? []), resolve]));
    }
  }

  release(poll: string, n: number): void {
    const busy = this.busy.get(poll);
    busy?.delete(n);
    if (busy && busy.size === 0) this.busy.delete(poll);
    const queue = this.waiting.get(poll);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.waiting.delete(poll);
    next?.();
  }
}
