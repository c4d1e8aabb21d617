export * from './chained-event-store';
export * from './errors';
export * from './hash';
export * from './verify';
export * from './reconcile';
