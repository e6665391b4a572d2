import type { GatewayEnvironment } from '../gateway.environment';

export interface Upstream {
  /** `/api/<prefix>/*` goes to the service. */
  prefix: 'registry' | 'reporting' | 'subsidy' | 'monitoring';
  title: string;
  target: string;
}

export function upstreams(environment: GatewayEnvironment): Upstream[] {
  return [
    { prefix: 'registry', title: 'Deposit registry', target: environment.REGISTRY_URL },
    { prefix: 'reporting', title: 'Production reporting', target: environment.REPORTING_URL },
    { prefix: 'subsidy', title: 'Subsidy processing', target: environment.SUBSIDY_URL },
    { prefix: 'monitoring', title: 'Target monitoring', target: environment.MONITORING_URL },
  ];
}
