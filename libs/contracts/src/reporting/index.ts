export * from './deadline.events';
export * from './report.events';
