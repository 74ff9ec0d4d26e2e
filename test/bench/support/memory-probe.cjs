// Preloaded (--require) into the benchmarked app so the benchmark can ask it for memory figures
// over the IPC channel without the app knowing about benchmarks: RSS now, RSS after a full GC
// (when started with --expose-gc), and peak RSS.
process.on('message', (msg) => {
  if (msg !== 'memory') return
  const rss = process.memoryUsage().rss
  if (typeof globalThis.gc === 'function') globalThis.gc()
  process.send({
    rss,
    rssAfterGc: process.memoryUsage().rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
  })
})
// The channel must not keep the app alive when it is told to stop.
process.channel?.unref()
