/** Prometheus metrics of one core instance (its own registry, so tests can run several). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/**
 * How often the event-loop lag metrics sample the loop. prom-client's default, 10 ms, is a timer
 * waking the core 100 times a second forever: measured about 8.6 ms of CPU a second on an idle
 * process (two shared cores), most of what the app spent with nothing to do. Once a second is
 * enough for a lag gauge read by a scrape. The `atelier_nodejs_eventloop_lag_*` gauges include
 * the sampling period (they read about 1 s plus the lag, as they read 10 ms plus it before).
 */
export const EVENT_LOOP_SAMPLE_MS = 1_000

export class Metrics {
  readonly registry = new Registry()
  readonly eventsIngested = this.counter(
    'atelier_events_ingested_total',
    'Canonical events persisted, by type',
    'type',
  )
  readonly hookRejected = this.counter(
    'atelier_hook_requests_rejected_total',
    'Hook and API requests rejected, by reason',
    'reason',
  )
  /** Optional hook fields removed for an unexpected type (null included); the event was kept. */
  readonly hookFieldsDropped = new Counter<'event' | 'field'>({
    name: 'atelier_hook_fields_dropped_total',
    help: 'Optional hook payload fields dropped for an unexpected type, by event and field',
    labelNames: ['event', 'field'],
    registers: [this.registry],
  })
  readonly resyncs = this.counter(
    'atelier_client_resyncs_total',
    'Clients that fell behind and were told to resync',
  )
  readonly ingestLatency = this.histogram(
    'atelier_ingest_latency_seconds',
    'Hook request received → event committed',
    [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  )
  readonly deliveryLatency = this.histogram(
    'atelier_delivery_latency_seconds',
    'Hook request received → pushed to subscribers',
    [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
  )
  readonly writeBatchSize = this.histogram(
    'atelier_write_batch_size',
    'Events per SQLite transaction (group commit)',
    [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
  )
  readonly subscribers = new Gauge({
    name: 'atelier_subscribers',
    help: 'Connected UI clients',
    registers: [this.registry],
  })

  constructor(withProcessMetrics = true) {
    if (withProcessMetrics)
      collectDefaultMetrics({
        register: this.registry,
        prefix: 'atelier_',
        eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS,
      })
  }

  private counter<L extends string = never>(name: string, help: string, label?: L): Counter<L> {
    return new Counter<L>({
      name,
      help,
      labelNames: label ? [label] : [],
      registers: [this.registry],
    })
  }

  private histogram(name: string, help: string, buckets: number[]): Histogram {
    return new Histogram({ name, help, buckets, registers: [this.registry] })
  }
}
