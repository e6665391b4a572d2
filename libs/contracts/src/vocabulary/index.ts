/**
 * `@redmet/contracts/vocabulary`: the words the services and the web console
 * share, as plain constants, and the shapes of what producers send in them.
 * The console's bundle imports this entry, never the whole of
 * `@redmet/contracts`, whose event classes carry class-validator decorators;
 * so nothing here may import a validator, a transformer or a file outside
 * this folder (eslint holds it to that).
 */
export * from './claim-lines';
export * from './claim-states';
export * from './cost-categories';
export * from './csv-columns';
export * from './facility-lifecycle';
export * from './facility-operators';
export * from './method-notes';
export * from './monitoring';
export * from './registry';
export * from './report-lines';
export * from './report-states';
export * from './roles';
