/** Read models fed by the event store: the task inbox and the nomination list, and the runner that feeds them. */
export * from './runner';
export * from './checkpoint-watcher';
export * from './schema';
export * from './projection';
export * from './sql-text';
export * from './task-inbox/tasks';
export * from './task-inbox/task-inbox';
export * from './task-inbox/task-inbox.projection';
export * from './nomination-list/nomination-list';
export * from './nomination-list/nomination-list.projection';
export * from './statistics/statistics.projection';
export * from './statistics/statistics';
export * from './statistics/publication';
export * from './sessions/session-rows';
export * from './sessions/sessions';
export * from './sessions/sessions.projection';
