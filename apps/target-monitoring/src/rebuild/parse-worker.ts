import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import type { EventDefinition } from '@redmet/contracts';
import {
  definitionsByType,
  type FastDefinitions,
  type ParseAnswer,
  type ParseRequest,
  parseValue,
} from './event-parsing';

/** The worker thread of `ParserThread`. */
const definitions = new Map(
  Object.entries(workerData as FastDefinitions).map(([topic, indexes]) => [topic, definitionsByType(indexes)]),
);

parentPort?.on('message', ({ id, topic, values }: ParseRequest) => {
  const byType = definitions.get(topic) ?? new Map<string, EventDefinition>();
  parentPort?.postMessage({ id, parsed: values.map((value) => parseValue(value, byType)) } satisfies ParseAnswer);
});

parentPort?.postMessage('ready');
