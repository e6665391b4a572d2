import { PRODUCT_CODE_PATTERN, ALERT_RULE_IDS, type AlertRuleId } from '@redmet/contracts';
import { InvalidInputError } from '@redmet/platform';
import { TARGET_KEYS, type TargetKey } from './settings';

function refuse(field: string, message: string): never {
  throw new InvalidInputError('REQUEST.INVALID', message, [{ field, messages: [message] }]);
}

/** Path parameters naming a target, a rule or a product: a 400 naming the parameter when unknown. */
export function targetKey(key: string): TargetKey {
  if ((TARGET_KEYS as readonly string[]).includes(key)) return key as TargetKey;
  return refuse('key', `key must be one of: ${TARGET_KEYS.join(', ')}`);
}

export function ruleId(id: string): AlertRuleId {
  if ((ALERT_RULE_IDS as readonly string[]).includes(id)) return id as AlertRuleId;
  return refuse('rule', `rule must be one of: ${ALERT_RULE_IDS.join(', ')}`);
}

export function productCode(code: string): string {
  if (PRODUCT_CODE_PATTERN.test(code)) return code;
  return refuse('code', 'code must be a product code of capital letters, digits and dashes');
}
