export * from './port';
export * from './errors';
export { DEFAULT_MAX_EVENT_BYTES, MAX_EVENT_ID_LENGTH, MAX_STREAM_NAME_LENGTH, assertStreamName } from './validation';
export { SqlEventStore, type ReadBatchInfo, type SqlEventStoreOptions } from './sql/sql-event-store';
export type { SqlClient, SqlQueryable } from './sql/sql-client';
