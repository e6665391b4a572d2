export * from './budget.events';
export * from './claim.events';
