import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import {
  EVENT_CATALOGUE,
  type EventDefinition,
  type EventEnvelope,
  parseEnvelope,
  parsePayload,
} from '@redmet/contracts';

/** An event the fast path applies, `not-handled` for a type the service ignores, null for anything invalid. */
export type Parsed = EventEnvelope | 'not-handled' | null;

/** Per topic, the definitions the fast path applies, as positions in the event catalogue (the same in every thread). */
export type FastDefinitions = Record<string, number[]>;

export function catalogueIndexes(definitions: EventDefinition[]): number[] {
  return definitions.map((definition) => EVENT_CATALOGUE.indexOf(definition));
}

export function definitionsByType(indexes: number[]): Map<string, EventDefinition> {
  return new Map(indexes.map((index) => [EVENT_CATALOGUE[index].type, EVENT_CATALOGUE[index]]));
}

export function parseValue(value: string, definitions: Map<string, EventDefinition>): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  const envelope = parseEnvelope(raw);
  if (!envelope.ok) return null;
  const definition = definitions.get(envelope.event.type);
  if (!definition) return 'not-handled';
  const payload = parsePayload(envelope.event, definition);
  return payload.ok ? payload.event : null;
}

export interface ParseRequest {
  id: number;
  topic: string;
  values: string[];
}

export interface ParseAnswer {
  id: number;
  parsed: Parsed[];
}

interface Pending extends ParseRequest {
  resolve: (parsed: Parsed[]) => void;
}

/**
 * Parses and validates a batch's messages half on a worker thread, half on
 * the calling one: validation is the replay's largest CPU cost in Node, and
 * on one thread alone it, not the database, sets the pace. The worker's
 * events come back as plain objects (the payload classes carry no
 * behaviour). Should the thread fail, messages are parsed here instead.
 */
export class ParserThread {
  private readonly logger = new Logger(ParserThread.name);
  private readonly definitions: Map<string, Map<string, EventDefinition>>;
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | undefined;
  private next = 0;

  constructor(private readonly fast: FastDefinitions) {
    this.definitions = new Map(Object.entries(fast).map(([topic, indexes]) => [topic, definitionsByType(indexes)]));
  }

  /** Resolves when the thread is ready (its modules loaded), or has failed and parsing stays here. */
  start(): Promise<void> {
    const file = path.join(__dirname, `parse-worker${path.extname(__filename)}`);
    // Run from TypeScript sources (tests, ts-node): the thread compiles them as the main thread does.
    const execArgv = file.endsWith('.ts')
      ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
      : [];
    const worker = new Worker(file, { workerData: this.fast, execArgv });
    worker.unref();
    return new Promise((ready) => {
      worker.on('message', (answer: ParseAnswer | 'ready') => {
        if (answer === 'ready') {
          this.worker = worker;
          ready();
          return;
        }
        this.pending.get(answer.id)?.resolve(answer.parsed);
        this.pending.delete(answer.id);
      });
      worker.on('error', (error) =>
        this.logger.warn({ err: error }, 'parser thread failed; parsing on the main thread'),
      );
      worker.on('exit', () => {
        this.fallBack();
        ready();
      });
    });
  }

  async parse(topic: string, values: string[]): Promise<Parsed[]> {
    const worker = this.worker;
    if (!worker || values.length < 2) return this.parseHere(topic, values);
    const half = Math.ceil(values.length / 2);
    const request: ParseRequest = { id: this.next++, topic, values: values.slice(0, half) };
    const there = new Promise<Parsed[]>((resolve) => {
      this.pending.set(request.id, { ...request, resolve });
      worker.postMessage(request);
    });
    const here = this.parseHere(topic, values.slice(half));
    return [...(await there), ...here];
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private parseHere(topic: string, values: string[]): Parsed[] {
    const definitions = this.definitions.get(topic) ?? new Map<string, EventDefinition>();
    return values.map((value) => parseValue(value, definitions));
  }

  private fallBack(): void {
    this.worker = undefined;
    for (const { topic, values, resolve } of this.pending.values()) resolve(this.parseHere(topic, values));
    this.pending.clear();
  }
}
