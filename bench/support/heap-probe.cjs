// Preloaded into the service by bench/load.bench.ts (node --expose-gc --require): every
// HEAP_PROBE_MS it runs a full GC and appends process.memoryUsage() as a JSON line to
// HEAP_PROBE_FILE. Heap used after a full GC is what the process retains; RSS alone also
// moves with how much heap V8 chooses to keep around between collections.
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const file = process.env.HEAP_PROBE_FILE;
const every = Number(process.env.HEAP_PROBE_MS || 10000);
// Only the service's main thread (tsx's module hooks run this preload again in their own thread).
if (file && isMainThread && typeof global.gc === 'function') {
  const t0 = Date.now();
  const probe = () => {
    global.gc();
    const m = process.memoryUsage();
    fs.appendFileSync(file, `${JSON.stringify({ s: (Date.now() - t0) / 1000, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
  };
  setInterval(probe, every).unref();
}
