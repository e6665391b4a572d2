import { EVENT_CATALOGUE } from './catalogue';
import { defineEvent, type EventDefinition } from './event-definition';
import { AlertSeverityRaised } from './monitoring';
import { parseEnvelope, parsePayload, type ParseResult } from './parse-event';
import {
  CompanyRegistered,
  DepositRegistered,
  FacilityOperatorChanged,
  FacilityRegistered,
  FacilityStatusChanged,
  FacilityUpdated,
  LicenceExpired,
  LicenceExpiring,
  LicenceIssued,
  LicenceRevoked,
  LicenceSuspended,
} from './registry';
import { ReportSubmitted } from './reporting';
import { BudgetTotalChanged, ClaimClawbackReduced } from './subsidy';
import { sampleEvent } from './testing/sample-events';
import { ALL_TOPICS, TOPICS } from './topics';
import { IsReportingPeriod, parsePeriod, PERIOD_INPUT_PATTERN, PERIOD_PATTERN } from './values/period';
import { DECIMAL_PATTERN, IsDecimalQuantity, IsKopecks, KOPECKS_PATTERN } from './values/quantities';

/** What a consumer does with a Kafka value: JSON, then the envelope, then the payload it knows. */
function read(value: string, definition: EventDefinition): ParseResult<object> {
  const envelope = parseEnvelope(JSON.parse(value));
  return envelope.ok ? parsePayload(envelope.event, definition) : envelope;
}

interface WireEvent {
  [field: string]: unknown;
  payload: { [field: string]: unknown };
}
type Change = (event: WireEvent) => unknown;

/** The sample as it travels: serialised, so Dates and undefined behave as they do on the wire. */
function wire(definition: EventDefinition, change: Change = () => {}): string {
  const event = JSON.parse(JSON.stringify(sampleEvent(definition))) as WireEvent;
  change(event);
  return JSON.stringify(event);
}

describe('every catalogued event', () => {
  it.each(EVENT_CATALOGUE.map((definition) => [`${definition.topic.name} ${definition.type}`, definition] as const))(
    '%s: its sample passes parseEnvelope and parsePayload',
    (_, definition) => {
      expect(read(wire(definition), definition)).toEqual(expect.objectContaining({ ok: true }));
    },
  );
});

describe('tolerant reader', () => {
  it('accepts unknown fields in the envelope and in the payload', () => {
    const value = wire(FacilityRegistered, (event) => {
      event.traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      event.payload.ownershipShare = '0.51';
      event.payload.address = { city: 'Solikamsk' };
    });
    expect(read(value, FacilityRegistered)).toEqual(expect.objectContaining({ ok: true }));
  });

  // Recorded v1 messages: never edit them. If one stops parsing, the change is breaking (docs/event-versioning.md).
  const OLD_MESSAGES: [string, EventDefinition, string][] = [
    [
      'CompanyRegistered v1 without the optional fields',
      CompanyRegistered,
      '{"eventId":"3b0f4c2a-8d51-4e7b-9a26-51c0d8e7f914","type":"CompanyRegistered","schemaVersion":1,"occurredAt":"2026-01-15T08:00:00.000Z","source":"deposit-registry","aggregateType":"Company","aggregateId":"0e6a7c53-2f19-4d84-b1a7-6c3e9f0d2b58","correlationId":"req-01","causationId":null,"payload":{"companyId":"0e6a7c53-2f19-4d84-b1a7-6c3e9f0d2b58","legalName":"Polar Lithium LLC","inn":"7707083893","status":"active","version":1}}',
    ],
    [
      'LicenceSuspended v1 caused by another event',
      LicenceSuspended,
      '{"eventId":"9f2d1e6b-7a43-4c58-8e01-2b6d4f9a7c35","type":"LicenceSuspended","schemaVersion":1,"occurredAt":"2026-02-10T12:30:00Z","source":"deposit-registry","aggregateType":"Licence","aggregateId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","correlationId":"req-02","causationId":"1c5e8a2f-4b7d-4e96-a3f0-8d2c6b9e1f47","payload":{"licenceId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","number":"MUR 01234 TE","holderCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","depositId":"8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34","type":"combined","validFrom":"2018-04-01","validTo":"2038-03-31","status":"suspended","statusSince":"2026-02-10","version":2,"previousStatus":"active","reason":"Mining plan not submitted on time"}}',
    ],
    [
      'LicenceRevoked v2 naming who revoked it',
      LicenceRevoked,
      '{"eventId":"5e1a7c93-2d4b-4f86-9a30-7b2c8e6d1f45","type":"LicenceRevoked","schemaVersion":2,"occurredAt":"2026-06-01T10:15:00.000Z","source":"deposit-registry","aggregateType":"Licence","aggregateId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","correlationId":"req-9a4c1e7b","causationId":null,"payload":{"licenceId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","number":"MUR 01234 TE","holderCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","depositId":"8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34","type":"combined","validFrom":"2018-04-01","validTo":"2038-03-31","status":"revoked","statusSince":"2026-06-01","version":3,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"},"previousStatus":"suspended","reason":"Repeated breach of licence terms"}}',
    ],
    [
      'LicenceExpired v2 made by the registry itself (the scheduled expiry)',
      LicenceExpired,
      '{"eventId":"8c4f2a61-9e3d-4b7a-8f15-3d6e0b9c2a78","type":"LicenceExpired","schemaVersion":2,"occurredAt":"2038-04-01T03:00:00.000Z","source":"deposit-registry","aggregateType":"Licence","aggregateId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","correlationId":"licence-expiry-check","causationId":null,"payload":{"licenceId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","number":"MUR 01234 TE","holderCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","depositId":"8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34","type":"combined","validFrom":"2018-04-01","validTo":"2038-03-31","status":"expired","statusSince":"2038-04-01","version":2,"changedBy":{"userId":"system","name":"deposit-registry: scheduled licence expiry"},"previousStatus":"active","reason":"Validity ended on 2038-03-31"}}',
    ],
    [
      'FacilityStatusChanged v2 of a plant closed by a user whose token gave no name',
      FacilityStatusChanged,
      '{"eventId":"2f6b9d14-3a7c-4e58-b1d0-6c9e2a4f8b37","type":"FacilityStatusChanged","schemaVersion":2,"occurredAt":"2026-09-30T14:05:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","correlationId":"req-3d8e5b2a","causationId":null,"payload":{"facilityId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","name":"Solikamsk Magnesium Works: REE separation complex","operatorCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","operators":[{"operatorCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","since":null}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE"],"capacityTonnesPerYear":"2500","status":"closed","statusSince":"2026-09-30","commissionedOn":"2018-05-01","version":4,"changedBy":{"userId":"7e2c5a91-4d3b-4f60-a8e7-1b9d3c5f2a64","name":null},"previousStatus":"commissioned"}}',
    ],
    [
      'FacilityStatusChanged v3 of a plant handed over, its operators naming who recorded the hand-over',
      FacilityStatusChanged,
      '{"eventId":"4c7e2a91-8d35-4b6f-9e12-5a3d7c1b8f40","type":"FacilityStatusChanged","schemaVersion":3,"occurredAt":"2027-03-15T10:00:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","correlationId":"req-8a1c4e6f","causationId":null,"payload":{"facilityId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","name":"Solikamsk Magnesium Works: REE separation complex","operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","operators":[{"operatorCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","since":null},{"operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","since":"2026-12-01","handedOverBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"}}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE"],"capacityTonnesPerYear":"2500","status":"modernised","statusSince":"2027-03-15","commissionedOn":"2018-05-01","version":8,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"},"previousStatus":"commissioned"}}',
    ],
    [
      'FacilityUpdated v3 of a plant handed over, its operators naming who recorded the hand-over',
      FacilityUpdated,
      '{"eventId":"6b2f9d47-1e83-4a5c-b7d0-2c9e4f6a8b13","type":"FacilityUpdated","schemaVersion":3,"occurredAt":"2027-04-02T08:30:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","correlationId":"req-2d5f8b1e","causationId":null,"payload":{"facilityId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","name":"Solikamsk Magnesium Works: REE separation complex","operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","operators":[{"operatorCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","since":null},{"operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","since":"2026-12-01","handedOverBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"}}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE","LA-OXIDE"],"capacityTonnesPerYear":"3000","status":"modernised","statusSince":"2027-03-15","commissionedOn":"2018-05-01","version":9,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"}}}',
    ],
    [
      'FacilityOperatorChanged v3 naming who recorded the hand-over, after one recorded before authors were kept',
      FacilityOperatorChanged,
      '{"eventId":"9d4a7e12-3c6b-4f58-a2e9-7b1c5d8f0a36","type":"FacilityOperatorChanged","schemaVersion":3,"occurredAt":"2026-12-01T09:20:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","correlationId":"req-6e2b9c4d","causationId":null,"payload":{"facilityId":"e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82","name":"Solikamsk Magnesium Works: REE separation complex","operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","operators":[{"operatorCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","since":null},{"operatorCompanyId":"5b0c2d8e-7f41-4a63-9e15-2c8d4b6a1f37","since":"2025-07-01"},{"operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","since":"2026-12-01","handedOverBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"}}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE"],"capacityTonnesPerYear":"2500","status":"commissioned","statusSince":"2018-05-01","commissionedOn":"2018-05-01","version":7,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"},"previousOperatorCompanyId":"5b0c2d8e-7f41-4a63-9e15-2c8d4b6a1f37"}}',
    ],
    [
      'FacilityRegistered v4 of a plant bringing back a closed one (restartOf)',
      FacilityRegistered,
      '{"eventId":"1e5a9c37-4b82-4f06-8d1c-7a3e5b9f2c64","type":"FacilityRegistered","schemaVersion":4,"occurredAt":"2027-06-01T09:00:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"7f3d1b92-5c4e-4a86-b0d7-2e9c6a1f4b58","correlationId":"req-4f7a2c9e","causationId":null,"payload":{"facilityId":"7f3d1b92-5c4e-4a86-b0d7-2e9c6a1f4b58","name":"Solikamsk REE separation complex (restarted)","operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","operators":[{"operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","since":null}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE"],"capacityTonnesPerYear":"1800","status":"under_construction","statusSince":"2027-06-01","commissionedOn":null,"restartOf":"a4c8e2f1-7b39-4d5a-9e60-1f3b5d7c9a24","version":1,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"}}}',
    ],
    [
      'FacilityStatusChanged v4 of that plant commissioned, still naming the plant it brings back',
      FacilityStatusChanged,
      '{"eventId":"8b2d6f41-9c3e-4a75-b1e8-4d6a2c9f7e03","type":"FacilityStatusChanged","schemaVersion":4,"occurredAt":"2028-02-01T11:30:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"7f3d1b92-5c4e-4a86-b0d7-2e9c6a1f4b58","correlationId":"req-9c3e1b7a","causationId":null,"payload":{"facilityId":"7f3d1b92-5c4e-4a86-b0d7-2e9c6a1f4b58","name":"Solikamsk REE separation complex (restarted)","operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","operators":[{"operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","since":null}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE"],"capacityTonnesPerYear":"1800","status":"commissioned","statusSince":"2028-02-01","commissionedOn":"2028-02-01","restartOf":"a4c8e2f1-7b39-4d5a-9e60-1f3b5d7c9a24","version":2,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"},"previousStatus":"under_construction"}}',
    ],
    [
      'FacilityOperatorChanged v4 of that plant handed over, still naming the plant it brings back',
      FacilityOperatorChanged,
      '{"eventId":"3d9f7a25-6e1b-4c48-a0f3-9b5d2e7c1a86","type":"FacilityOperatorChanged","schemaVersion":4,"occurredAt":"2028-07-01T08:15:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"7f3d1b92-5c4e-4a86-b0d7-2e9c6a1f4b58","correlationId":"req-2a6d8f4b","causationId":null,"payload":{"facilityId":"7f3d1b92-5c4e-4a86-b0d7-2e9c6a1f4b58","name":"Solikamsk REE separation complex (restarted)","operatorCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","operators":[{"operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","since":null},{"operatorCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","since":"2028-07-01","handedOverBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"}}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE"],"capacityTonnesPerYear":"1800","status":"commissioned","statusSince":"2028-02-01","commissionedOn":"2028-02-01","restartOf":"a4c8e2f1-7b39-4d5a-9e60-1f3b5d7c9a24","version":3,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"},"previousOperatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45"}}',
    ],
    [
      'FacilityUpdated v4 of a plant that brings none back (restartOf null)',
      FacilityUpdated,
      '{"eventId":"5c8a3e16-7d2f-4b94-9e07-1a6c4f8b2d39","type":"FacilityUpdated","schemaVersion":4,"occurredAt":"2027-08-12T13:45:00.000Z","source":"deposit-registry","aggregateType":"Facility","aggregateId":"c6e1a8d3-2f74-4b59-8c06-5e9b3d7a1f42","correlationId":"req-6e1b4d8c","causationId":null,"payload":{"facilityId":"c6e1a8d3-2f74-4b59-8c06-5e9b3d7a1f42","name":"Karnasurt concentrator","operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","operators":[{"operatorCompanyId":"3c8e1f5a-9b27-4d60-8a14-6f2d0b7c9e45","since":null}],"depositId":null,"region":"Perm Krai","productCodes":["ND-OXIDE"],"capacityTonnesPerYear":"900","status":"under_construction","statusSince":"2027-06-01","commissionedOn":null,"restartOf":null,"version":2,"changedBy":{"userId":"0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10","name":"Registry Admin"}}}',
    ],
    [
      'LicenceExpiring v2 of a licence last changed before authors were recorded',
      LicenceExpiring,
      '{"eventId":"6a2e9c41-5b7d-4f38-9e16-0c4b8d2f7a93","type":"LicenceExpiring","schemaVersion":2,"occurredAt":"2037-12-31T03:00:00.000Z","source":"deposit-registry","aggregateType":"Licence","aggregateId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","correlationId":"licence-expiry-check","causationId":null,"payload":{"licenceId":"c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","number":"MUR 01234 TE","holderCompanyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","depositId":"8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34","type":"combined","validFrom":"2018-04-01","validTo":"2038-03-31","status":"active","statusSince":"2018-04-01","version":1,"changedBy":null,"daysBefore":90}}',
    ],
    [
      'AlertSeverityRaised v1 of a warning turned critical',
      AlertSeverityRaised,
      '{"eventId":"3b8f1d62-7e4a-4c95-a0d3-5f2b9e6c1a48","type":"AlertSeverityRaised","schemaVersion":1,"occurredAt":"2038-03-02T00:00:05.000Z","source":"target-monitoring","aggregateType":"Alert","aggregateId":"b8d4f2a6-1c3e-4a5b-9d7f-0e2c4a6b8d10","correlationId":"alert-evaluation","causationId":null,"payload":{"alertId":"b8d4f2a6-1c3e-4a5b-9d7f-0e2c4a6b8d10","ruleId":"registry.licence_expiring_output","subject":"licence:c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60","severity":"critical","state":"open","title":"Licence MUR 01234 TE ends in 29 days while output is still reported","message":"Licence MUR 01234 TE is valid until 2038-03-31.","raisedAt":"2038-01-01T00:00:05.000Z","silenced":false,"previousSeverity":"warning"}}',
    ],
    [
      'ClaimClawbackReduced v1 from before refunds (no refundDueKopecks)',
      ClaimClawbackReduced,
      '{"eventId":"7d3c9e21-4a58-4b6f-9c02-8e1f5a7b3d64","type":"ClaimClawbackReduced","schemaVersion":1,"occurredAt":"2026-03-02T09:30:00.000Z","source":"subsidy-processing","aggregateType":"Claim","aggregateId":"6c2e8a14-9b3f-4d7a-8e5c-1f0b2a3d4c95","correlationId":"req-7f3a9c2e","causationId":null,"payload":{"claimId":"6c2e8a14-9b3f-4d7a-8e5c-1f0b2a3d4c95","companyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","programmeYear":2026,"period":"2026-Q1","state":"under_clawback","requestedKopecks":"4500000000","approvedKopecks":"4000000000","paidKopecks":"4000000000","reportIds":["3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53"],"version":8,"previousClawbackKopecks":"186046512","clawbackKopecks":"120000000","coefficient":"0.03","reason":"Results for 2026 below plan: output 970 against 1000 planned","repaidKopecks":"100000000","outstandingKopecks":"20000000","dueOn":"2026-07-29"}}',
    ],
    [
      'BudgetTotalChanged v1 of a programme year created by its first version',
      BudgetTotalChanged,
      '{"eventId":"4e8b2d17-6c3a-4f91-8b05-9d2e7a1c3f68","type":"BudgetTotalChanged","schemaVersion":1,"occurredAt":"2026-11-30T07:40:00.000Z","source":"subsidy-processing","aggregateType":"Programme","aggregateId":"2029","correlationId":"req-5b1e0c9d","causationId":null,"payload":{"programmeYear":2029,"programmeVersion":1,"previousTotalKopecks":null,"totalKopecks":"180000000000","committedKopecks":"0","availableKopecks":"180000000000","utilisationPercent":"0.00","reason":"Federal budget law for 2027-2029"}}',
    ],
  ];

  it.each(OLD_MESSAGES)('still reads an old message: %s', (_, definition, value) => {
    expect(read(value, definition)).toEqual(expect.objectContaining({ ok: true }));
  });
});

/** Test-only payload: no catalogued event carries periods or money yet; move these cases when one does. */
class ReportedOutput {
  @IsReportingPeriod()
  period: string;

  @IsDecimalQuantity()
  quantity: string;

  @IsKopecks()
  revenueKopecks: string;
}
const OutputReported = defineEvent({
  topic: TOPICS.registryProduct,
  type: 'OutputReported',
  schemaVersion: 1,
  payload: ReportedOutput,
  summary: 'Test only.',
});
const OUTPUT = { period: '2026-Q1', quantity: '1250.5', revenueKopecks: '107000000000' };

/** A valid envelope (borrowed from a catalogued sample) around an OutputReported payload. */
function outputReported(payload: object): string {
  return wire(CompanyRegistered, (event) => (event.payload = { ...OUTPUT, ...payload }));
}

const errorAt = (path: string) => ({
  ok: false,
  errors: expect.arrayContaining([expect.stringMatching(`^${path}: `)]),
});

describe('invalid events are rejected with the path of the field', () => {
  it.each<[string, string, EventDefinition, Change]>([
    ['missing eventId', 'eventId', CompanyRegistered, (event) => delete event.eventId],
    ['schemaVersion as a string', 'schemaVersion', CompanyRegistered, (event) => (event.schemaVersion = '1')],
    ['occurredAt not a timestamp', 'occurredAt', CompanyRegistered, (event) => (event.occurredAt = 'yesterday')],
    ['unknown source', 'source', CompanyRegistered, (event) => (event.source = 'excel')],
    ['payload not an object', 'payload', CompanyRegistered, (event) => ((event as { payload: unknown }).payload = 'x')],
    ['missing payload field', 'payload.companyId', CompanyRegistered, (event) => delete event.payload.companyId],
    ['version as a string', 'payload.version', CompanyRegistered, (event) => (event.payload.version = '2')],
    ['INN with a wrong check digit', 'payload.inn', CompanyRegistered, (event) => (event.payload.inn = '7707083890')],
    ['INN as a number', 'payload.inn', CompanyRegistered, (event) => (event.payload.inn = 7707083893)],
    ['unknown element', 'payload.metals', DepositRegistered, (event) => (event.payload.metals = ['Nd', 'Xx'])],
    ['impossible date', 'payload.validTo', LicenceIssued, (event) => (event.payload.validTo = '2038-02-30')],
    [
      'capacity as a float',
      'payload.capacityTonnesPerYear',
      FacilityRegistered,
      (event) => (event.payload.capacityTonnesPerYear = 2500.5),
    ],
    [
      'a hand-over author without a user id',
      'payload.operators.1.handedOverBy.userId',
      FacilityOperatorChanged,
      (event) => ((event.payload.operators as { handedOverBy: object }[])[1].handedOverBy = { name: 'Registry Admin' }),
    ],
    [
      'the plant brought back named by something other than its id',
      'payload.restartOf',
      FacilityRegistered,
      (event) => (event.payload.restartOf = 'Solikamsk Magnesium Works'),
    ],
  ])('%s: reports "%s: ..."', (_, path, definition, change) => {
    expect(read(wire(definition, change), definition)).toEqual(errorAt(path));
  });

  it.each<[string, string, object]>([
    ['month 13', 'payload.period', { period: '2026-13' }],
    ['quarter 5', 'payload.period', { period: '2026-Q5' }],
    ['money as a float', 'payload.revenueKopecks', { revenueKopecks: 1070000.5 }],
    ['money with decimals', 'payload.revenueKopecks', { revenueKopecks: '1070.50' }],
    ['quantity with 7 decimals', 'payload.quantity', { quantity: '0.0000001' }],
    ['quantity as a number', 'payload.quantity', { quantity: 1250.5 }],
  ])('%s: reports "%s: ..."', (_, path, payload) => {
    expect(read(outputReported(payload), OutputReported)).toEqual(errorAt(path));
  });

  it('accepts a valid OutputReported, so the cases above fail for their field only', () => {
    expect(read(outputReported({}), OutputReported)).toEqual(expect.objectContaining({ ok: true }));
  });

  it('rejects a value that is not an object', () => {
    expect(read('[1, 2]', CompanyRegistered)).toEqual({ ok: false, errors: [expect.stringContaining('JSON object')] });
  });

  it('rejects a payload nested too deeply to walk, rather than throwing', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const value = wire(ReportSubmitted, (event) => (event.payload.submittedBy = '<deep>')).replace('"<deep>"', deep);
    expect(read(value, ReportSubmitted)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^payload: nested too deeply to be checked/)],
    });
  });
});

describe('parsePeriod', () => {
  it.each([
    ['2026-03', 'month', '2026-03-01', '2026-03-31'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2000-02', 'month', '2000-02-01', '2000-02-29'],
    ['2100-02', 'month', '2100-02-01', '2100-02-28'],
    ['2026-12', 'month', '2026-12-01', '2026-12-31'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-Q2', 'quarter', '2026-04-01', '2026-06-30'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31'],
    // An event's pattern lets any four-digit year through: year 50 is not 1950.
    ['0050-03', 'month', '0050-03-01', '0050-03-31'],
    ['0099-Q4', 'quarter', '0099-10-01', '0099-12-31'],
  ])('%s is a %s from %s to %s', (period, kind, start, end) => {
    expect(parsePeriod(period)).toEqual({ kind, start, end });
    expect(PERIOD_PATTERN.test(period)).toBe(true);
  });

  it.each(['2026-13', '2026-00', '2026-Q5', '2026-Q0', '2026-3', '26-03', '2026-q1', '2026-03 ', '2026/03', ''])(
    'rejects %j, and so does the decorator pattern',
    (period) => {
      expect(() => parsePeriod(period)).toThrow(RangeError);
      expect(PERIOD_PATTERN.test(period)).toBe(false);
    },
  );
});

describe('periods typed by people', () => {
  it.each(['1900-01', '2026-03', '2026-Q1', '2199-12', '2199-Q4'])('takes %s', (period) => {
    expect(PERIOD_INPUT_PATTERN.test(period)).toBe(true);
  });

  it.each(['0050-01', '0000-01', '1899-12', '2200-01', '9999-12', '9999-Q4', '2026-13'])(
    'refuses %s, whose dates the calendar arithmetic cannot write',
    (period) => {
      expect(PERIOD_INPUT_PATTERN.test(period)).toBe(false);
    },
  );
});

describe('quantity and money patterns', () => {
  it.each(['0', '1250.5', '0.000125', '1.123456', '999999999999999', '999999999999999.999999'])(
    'DECIMAL_PATTERN accepts %j',
    (value) => expect(DECIMAL_PATTERN.test(value)).toBe(true),
  );
  it.each(['', '-1', '01', '1.', '.5', '1.1234567', '1e3', '1,5', '1000000000000000', ' 1', '+1'])(
    'DECIMAL_PATTERN rejects %j',
    (value) => expect(DECIMAL_PATTERN.test(value)).toBe(false),
  );
  it.each(['0', '107000000000', '-500', '999999999999999999'])('KOPECKS_PATTERN accepts %j', (value) =>
    expect(KOPECKS_PATTERN.test(value)).toBe(true),
  );
  it.each(['', '-0', '1.5', '1070.00', '01', '1e3', '1000000000000000000', ' 5'])(
    'KOPECKS_PATTERN rejects %j',
    (value) => expect(KOPECKS_PATTERN.test(value)).toBe(false),
  );
});

describe('topics and catalogue', () => {
  it.each(ALL_TOPICS.map((topic) => topic.name))('topic %s is named <domain>.<aggregate>.v<major>', (name) => {
    expect(name).toMatch(/^[a-z]+\.[a-z-]+\.v\d+$/);
  });

  it('has no two topics with one name', () => {
    const names = ALL_TOPICS.map((topic) => topic.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(ALL_TOPICS.map((topic) => [topic.name, topic] as const))('event types on %s are unique', (_, topic) => {
    const types = EVENT_CATALOGUE.filter((definition) => definition.topic === topic).map(
      (definition) => definition.type,
    );
    expect(new Set(types).size).toBe(types.length);
  });

  it.each(EVENT_CATALOGUE.map((definition) => [definition.type, definition] as const))(
    '%s is published on a topic of ALL_TOPICS',
    (_, definition) => {
      expect(ALL_TOPICS).toContain(definition.topic);
    },
  );
});
