/**
 * What the workers consume, reached through the workflow like everything above it: each queue's name
 * and its job's payload schema (defined in src/queue/queues.ts, with the options the outbox relay
 * publishes them with). The use cases a worker calls are `fireTimer` (engine), `deliverNotice` and
 * `queueDailyDigest` (notices).
 */
export { digestJob, emailJob, queueNames, timerJob } from '../queue/queues';
