import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { EVENT_CATALOGUE } from '../catalogue';
import { ALL_TOPICS, deadLetterTopicName } from '../topics';
import { generateAsyncApi } from './asyncapi.generator';
import { renderEventCatalogue } from './event-catalogue.markdown';

const COMMITTED = path.resolve(__dirname, '../../../../docs/asyncapi.json');
const CATALOGUE = path.resolve(__dirname, '../../../../docs/events.md');
const REGENERATE = 'npm run contracts:docs';

interface Channel {
  address: string;
  messages: Record<string, { name: string; payload: unknown }>;
}
interface Operation {
  action: string;
  channel: { $ref: string };
  messages: { $ref: string }[];
}
interface Schema {
  properties: Record<string, Record<string, unknown>>;
  required: string[];
}
interface Document {
  channels: Record<string, Channel>;
  operations: Record<string, Operation>;
  components: { schemas: Record<string, Schema> };
}

describe('AsyncAPI document', () => {
  const document = generateAsyncApi() as unknown as Document;

  it('parses with @asyncapi/parser without errors', async () => {
    const { diagnostics } = await new Parser().parse(generateAsyncApi());
    const errors = diagnostics
      .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
      .map((diagnostic) => `${diagnostic.code} at /${diagnostic.path.join('/')}: ${diagnostic.message}`);
    expect(errors).toEqual([]);
  });

  it(`matches the committed docs/asyncapi.json (regenerate with: ${REGENERATE})`, () => {
    const committed: unknown = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    // JSON round trip: the committed file cannot hold undefined or class instances.
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it(`matches the committed docs/events.md (regenerate with: ${REGENERATE})`, () => {
    // Prettier pads the tables; compare what they say, not how they are aligned.
    const normalise = (text: string) => text.replace(/-{3,}/g, '---').replace(/\s+/g, '');
    expect(normalise(readFileSync(CATALOGUE, 'utf8'))).toEqual(normalise(renderEventCatalogue()));
  });

  it('has a channel per topic and per dead-letter topic, addressed by the topic name', () => {
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    const expected = ALL_TOPICS.flatMap((topic) => [topic.name, deadLetterTopicName(topic.name)]);
    expect(addresses.sort()).toEqual(expected.sort());
  });

  it.each(EVENT_CATALOGUE.map((definition) => [`${definition.topic.name} ${definition.type}`, definition]))(
    'documents %s on its channel and in the send operation',
    (_, definition) => {
      const channel = document.channels[definition.topic.name];
      expect(channel.messages[definition.type]).toMatchObject({ name: definition.type });
      const sends = Object.values(document.operations).filter(
        (operation) => operation.action === 'send' && operation.channel.$ref === `#/channels/${definition.topic.name}`,
      );
      expect(sends).toHaveLength(1);
      expect(sends[0].messages).toContainEqual({
        $ref: `#/channels/${definition.topic.name}/messages/${definition.type}`,
      });
    },
  );

  describe('payload schemas from the class-validator decorators', () => {
    const { schemas } = document.components;

    it('include inherited properties', () => {
      expect(Object.keys(schemas.LicenceStatusChangePayload.properties)).toEqual(
        expect.arrayContaining(['licenceId', 'validTo', 'previousStatus', 'reason']),
      );
      expect(schemas.LicenceStatusChangePayload.required).toEqual(expect.arrayContaining(['licenceId', 'reason']));
    });

    it('map the custom isInn validator to a pattern', () => {
      expect(schemas.CompanySnapshot.properties.inn).toMatchObject({ type: 'string', pattern: '^(\\d{10}|\\d{12})$' });
    });

    it('leave @IsOptional properties out of required and let them be null', () => {
      expect(schemas.CompanySnapshot.required).not.toContain('ogrn');
      expect(schemas.CompanySnapshot.properties.ogrn).toEqual({ anyOf: [expect.any(Object), { type: 'null' }] });
    });
  });
});
