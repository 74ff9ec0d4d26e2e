/** Prometheus metrics of one core instance (its own registry, so tests can run several). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export class Metrics {
  readonly registry = new Registry()
  readonly eventsIngested = new Counter({
    name: 'atelier_events_ingested_total',
    help: 'Canonical events persisted, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  })
  readonly hookRejected = new Counter({
    name: 'atelier_hook_requests_rejected_total',
    help: 'Hook and API requests rejected, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })
  readonly ingestLatency = new Histogram({
    name: 'atelier_ingest_latency_seconds',
    help: 'Hook request received → event committed',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  })
  readonly deliveryLatency = new Histogram({
    name: 'atelier_delivery_latency_seconds',
    help: 'Hook request received → pushed to subscribers',
    buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  })
  readonly writeBatchSize = new Histogram({
    name: 'atelier_write_batch_size',
    help: 'Events per SQLite transaction (group commit)',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  })
  readonly subscribers = new Gauge({
    name: 'atelier_subscribers',
    help: 'Connected UI clients',
    registers: [this.registry],
  })
  readonly resyncs = new Counter({
    name: 'atelier_client_resyncs_total',
    help: 'Clients that fell behind and were told to resync',
    registers: [this.registry],
  })

  constructor(withProcessMetrics = true) {
    if (withProcessMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'atelier_' })
  }
}
