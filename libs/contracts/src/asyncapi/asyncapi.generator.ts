import { EVENT_CATALOGUE, eventsOnTopic } from '../catalogue';
import { EventEnvelope } from '../envelope';
import type { EventDefinition } from '../event-definition';
import { sampleEvent } from '../testing/sample-events';
import { ALL_TOPICS, deadLetterTopicName, type TopicDefinition } from '../topics';
import { DEAD_LETTER_HEADERS, EVENT_HEADERS, eventHeadersOf, headerSchemas } from './kafka-headers';
import { schemasByName } from './payload-schemas';

/** The document's own version; contracts are versioned by topic name (`.vN`) and by `schemaVersion`. */
export const ASYNCAPI_DOCUMENT_VERSION = '1.0.0';

const DESCRIPTION = `Every event the Redmet services publish, generated from \`libs/contracts\` by \`scripts/generate-asyncapi.ts\`: do not edit it by hand.

**Envelope.** Every message value is one JSON envelope: \`eventId\` (a UUID, the idempotency key), \`type\` (past tense, e.g. \`DepositRegistered\`), \`schemaVersion\`, \`occurredAt\`, \`source\` (the publishing service), \`aggregateType\`, \`aggregateId\`, \`correlationId\`, \`causationId\` (the event that caused this one, or null) and \`payload\`, whose schema depends on \`type\`. The headers ${EVENT_HEADERS.map((name) => `\`${name}\``).join(', ')} repeat envelope fields for routing and tracing.

**Keys and ordering.** The Kafka key is the envelope's \`aggregateId\`, so all events of one aggregate go to one partition and are read in the order they were published. There is no order across aggregates or topics. Delivery is at least once: consumers deduplicate by \`eventId\`, and ignore a snapshot whose \`version\` is not newer than the one they hold.

**Evolution.** Readers are tolerant: they ignore fields they do not know. Additive changes keep the topic and raise \`schemaVersion\`; a breaking change gets a new topic (\`<name>.v2\`) published side by side (docs/event-versioning.md).

**Dead letters.** Each topic \`<topic>\` has a dead-letter topic \`<topic>.dlq\`. A consumer that cannot apply a message (not JSON, not the contract, declared poison by its handler, or still failing after bounded retries) publishes the original key and value there unchanged, keeps the original headers and adds:
${Object.entries(DEAD_LETTER_HEADERS)
  .map(([name, meaning]) => `- \`${name}\`: ${meaning}`)
  .join('\n')}

It then commits the offset and moves on, so one bad message never blocks a partition. (An infrastructure outage is not the message's fault: it stops the partition until the service recovers, and nothing is parked.)`;

const ref = (pointer: string) => ({ $ref: pointer });
const schemaRef = (name: string) => ref(`#/components/schemas/${name}`);
const KAFKA_BINDING_VERSION = '0.5.0';
const DEAD_LETTER = 'DeadLetter';

function titleOf(type: string): string {
  return type.replace(
    /([a-z0-9])([A-Z])/g,
    (_, before: string, capital: string) => `${before} ${capital.toLowerCase()}`,
  );
}

function message(definition: EventDefinition) {
  const example = sampleEvent(definition);
  return {
    name: definition.type,
    title: titleOf(definition.type),
    summary: definition.summary,
    description: `Current schemaVersion: ${definition.schemaVersion} (readers also accept every earlier one). Key: the ${definition.topic.aggregateType} id.`,
    headers: schemaRef('EventHeaders'),
    payload: {
      allOf: [
        schemaRef(EventEnvelope.name),
        { properties: { type: { const: definition.type }, payload: schemaRef(definition.payload.name) } },
      ],
    },
    bindings: { kafka: { key: schemaRef('EventKey'), bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [{ name: 'sample', headers: eventHeadersOf(example), payload: example }],
  };
}

function deadLetterMessage(topic: TopicDefinition) {
  return {
    name: DEAD_LETTER,
    title: `Dead letter from ${topic.name}`,
    summary: `A message of ${topic.name} that a consumer could not apply, as it was read.`,
    headers: schemaRef('DeadLetterHeaders'),
    payload: {
      description: `The original value, byte for byte: normally one of the events of ${topic.name}, but it may be anything, since failing to parse is one reason to be here.`,
    },
    bindings: { kafka: { key: schemaRef('EventKey'), bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function channels() {
  return Object.fromEntries(
    ALL_TOPICS.flatMap((topic) => {
      const dlq = deadLetterTopicName(topic.name);
      const messages = Object.fromEntries(
        eventsOnTopic(topic.name).map((definition) => [definition.type, message(definition)]),
      );
      return [
        [
          topic.name,
          {
            address: topic.name,
            title: topic.name,
            description: `${topic.description} Owner: ${topic.owner}. Key: the ${topic.aggregateType} id.`,
            messages,
            bindings: { kafka: { partitions: topic.partitions, bindingVersion: KAFKA_BINDING_VERSION } },
          },
        ],
        [
          dlq,
          {
            address: dlq,
            title: dlq,
            description: `Dead letters of ${topic.name}: messages its consumers could not apply, with the x-dlq-* headers.`,
            messages: { [DEAD_LETTER]: deadLetterMessage(topic) },
            bindings: { kafka: { bindingVersion: KAFKA_BINDING_VERSION } },
          },
        ],
      ];
    }),
  );
}

function operations() {
  return Object.fromEntries(
    ALL_TOPICS.flatMap((topic) => {
      const dlq = deadLetterTopicName(topic.name);
      const messageRefs = eventsOnTopic(topic.name).map((definition) =>
        ref(`#/channels/${topic.name}/messages/${definition.type}`),
      );
      return [
        [
          `${topic.name}.publish`,
          {
            action: 'send',
            channel: ref(`#/channels/${topic.name}`),
            messages: messageRefs,
            title: `${topic.owner} publishes ${topic.name}`,
            summary: `${topic.owner} writes these events to its outbox in the transaction of the change; its relay publishes them.`,
          },
        ],
        [
          `${dlq}.publish`,
          {
            action: 'send',
            channel: ref(`#/channels/${dlq}`),
            messages: [ref(`#/channels/${dlq}/messages/${DEAD_LETTER}`)],
            title: `Consumers of ${topic.name} park what they cannot apply`,
            summary: 'Any consumer group of the source topic may publish here.',
          },
        ],
      ];
    }),
  );
}

export type AsyncApiDocument = { asyncapi: string } & Record<string, unknown>;

/** The AsyncAPI 3.0 document of every topic and event in the contracts; pure, so tests can compare it. */
export function generateAsyncApi(): AsyncApiDocument {
  const payloadSchemas = schemasByName([EventEnvelope, ...EVENT_CATALOGUE.map((definition) => definition.payload)]);
  return {
    asyncapi: '3.0.0',
    info: { title: 'Redmet events', version: ASYNCAPI_DOCUMENT_VERSION, description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        title: 'Local Kafka',
        description: 'The single-node broker of `npm run infra:up`.',
      },
    },
    channels: channels(),
    operations: operations(),
    components: { schemas: { ...payloadSchemas, ...headerSchemas(payloadSchemas[EventEnvelope.name]) } },
  };
}
