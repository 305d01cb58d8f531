// Public surface of distributed batches (BullMQ on Redis): submit, follow, look at, and serve as a worker.

export { submitDistributedBatch, type SubmitDistributedBatchOptions, type SubmittedBatch } from './batch-submitter.ts';
export { followDistributedBatch, type FollowDistributedBatchOptions, type DistributedBatchSummary } from './batch-follower.ts';
export { getDistributedBatchStatus, type DistributedBatchStatus } from './batch-status.ts';
export { DistributedWorker, type DistributedWorkerOptions, type WorkerEvent, type WorkerJobStatus } from './distributed-worker.ts';
export { discoverServableModels, type ServableModel } from './model-pool.ts';
export { DistributedBatchSpecSchema, type DistributedBatchSpec, type GenerationOverrides } from './batch-spec.ts';
export { redisOptions, redactRedisUrl, type RedisConnectionSettings, type RedisRole } from './redis-connection.ts';
export { isBatchId, modelNameOf, queueName, type BatchKind } from './queue-names.ts';
