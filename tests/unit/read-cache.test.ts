import { ReadCache, withTurnReads } from '../../bot/src/platform/storage/read-cache';

/** A row in "storage": every load counts, and its value can change behind the cache's back. */
function row(initial: string) {
  const r = { value: initial, loads: 0, load: async () => (r.loads++, { value: r.value }) };
  return r;
}

describe('ReadCache: rows that rarely change, read once per turn and kept for a bounded time', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => (t = 0));

  it('keeps a row for its lifetime, then reads it again (another instance changed it meanwhile)', async () => {
    const cache = new ReadCache(5_000, now);
    const r = row('co-chair');
    expect(await cache.read('k', r.load)).toEqual({ value: 'co-chair' });
    r.value = 'member';
    t = 4_999;
    expect(await cache.read('k', r.load)).toEqual({ value: 'co-chair' });
    t = 5_000;
    expect(await cache.read('k', r.load)).toEqual({ value: 'member' });
    expect(r.loads).toBe(2);
  });

  it("reads again at once after this instance's own write, refused or not", async () => {
    const cache = new ReadCache(60_000, now);
    const r = row('co-chair');
    await cache.read('k', r.load);
    r.value = 'member';
    await cache.writing(['k'], async () => undefined);
    expect(await cache.read('k', r.load)).toEqual({ value: 'member' });
    r.value = 'gone';
    await expect(cache.writing(['k'], () => Promise.reject(new Error('412')))).rejects.toThrow('412');
    expect(await cache.read('k', r.load)).toEqual({ value: 'gone' });
  });

  it('does not keep what a read in flight during a write brought back', async () => {
    const cache = new ReadCache(60_000, now);
    const r = row('before');
    let release!: () => void;
    const slow = cache.read('k', async () => {
      const v = { value: r.value };
      await new Promise<void>((resolve) => (release = resolve));
      return v;
    });
    await Promise.resolve();
    r.value = 'after';
    await cache.writing(['k'], async () => undefined);
    release();
    expect(await slow).toEqual({ value: 'before' });
    expect(await cache.read('k', r.load)).toEqual({ value: 'after' });
  });

  it('hands out copies: a caller changing what it read changes nothing for the next', async () => {
    const cache = new ReadCache(60_000, now);
    const r = row('x');
    const first = await cache.read('k', r.load);
    first.value = 'tampered';
    expect(await cache.read('k', r.load)).toEqual({ value: 'x' });
  });

  it('with no lifetime, still reads a row once per turn (unless the turn writes it), and every turn anew', async () => {
    const cache = new ReadCache(0, now);
    const r = row('a');
    await withTurnReads(async () => {
      await Promise.all([cache.read('k', r.load), cache.read('k', r.load)]);
      expect(r.loads).toBe(1);
      r.value = 'b';
      await cache.writing(['k'], async () => undefined);
      expect(await cache.read('k', r.load)).toEqual({ value: 'b' });
    });
    expect(r.loads).toBe(2);
    await withTurnReads(() => cache.read('k', r.load));
    expect(r.loads).toBe(3);
    await cache.read('k', r.load);
    expect(r.loads).toBe(4);
  });

  it('stays bounded: past its size it starts afresh', async () => {
    const cache = new ReadCache(60_000, now, 10);
    const r = row('v');
    for (let i = 0; i < 25; i++) await cache.read(`k${i}`, r.load);
    await cache.read('k24', r.load);
    expect(r.loads).toBe(25);
    await cache.read('k0', r.load);
    expect(r.loads).toBe(26);
  });
});
