import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, type ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Target = abstract new (...args: never[]) => object;
type Plain = Record<string, unknown>;
/** True only when the plain value certainly passes; false when it fails or the check cannot tell. */
type ObjectCheck = (object: Plain) => boolean;
type ValueCheck = (object: Plain, value: unknown) => boolean;

const HANDLED_TYPES = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

const checks = new Map<Target, ObjectCheck>();

/**
 * Whether a plain value read from JSON passes the class-validator contract of
 * `target` exactly as `validateSync(plainToInstance(target, value),
 * { forbidUnknownValues: false })` would judge it, without building the
 * instance or the error tree. Every consumed event is checked, and
 * class-validator's executor spends most of its time looking up metadata and
 * building errors for a value that turns out valid; the constraints run here
 * are its own. It answers true only when sure: a false means "ask
 * class-validator", which stays the one authority on what is wrong. One
 * difference: an unknown field holding `{"constructor": ...}` makes
 * class-transformer throw; here, as a tolerant reader should, it is ignored.
 */
export function passesContract(target: Target, value: unknown): boolean {
  return isPlainObject(value) && checkOf(target)(value);
}

function checkOf(target: Target): ObjectCheck {
  let check = checks.get(target);
  if (!check) {
    // Set before compiling so that a class nested in itself finds its own check.
    checks.set(target, (object) => (check as ObjectCheck)(object));
    try {
      check = compile(target);
    } catch {
      // A class this cannot read (a @Type that needs its arguments, say) is left to class-validator.
      check = () => false;
    }
    checks.set(target, check);
  }
  return check;
}

function compile(target: Target): ObjectCheck {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target as never, '', false, false, undefined);
  if (!transformsPlainly(target, metadatas)) return () => false;
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of metadatas) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  const properties = [...byProperty].map(([property, all]) => {
    const defined = all.filter((m) => m.type === ValidationTypes.IS_DEFINED);
    const others = all.filter((m) => m.type !== ValidationTypes.IS_DEFINED && m.type !== ValidationTypes.WHITELIST);
    return { property, check: propertyCheck(target, property, defined, others) };
  });
  return (object) => {
    for (const { property, check } of properties) {
      // class-transformer copies only the value's own enumerable keys.
      if (!check(object, isEnumerable.call(object, property) ? object[property] : undefined)) return false;
    }
    return true;
  };
}

/** As class-validator's `performValidations`: conditions, then defined-checks, then constraints, then nested values. */
function propertyCheck(
  target: Target,
  property: string,
  defined: ValidationMetadata[],
  metadatas: ValidationMetadata[],
): ValueCheck {
  // @IsOptional only: a @ValidateIf condition may look at the instance's nested objects, which are not built here.
  const conditions = metadatas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
  if (conditions.some((m) => m.name !== 'isOptional')) return () => false;
  const constraints = [...defined, ...metadatas.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION)].map(
    (metadata) => constraintCheck(target, metadata),
  );
  const nested = metadatas.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)
    ? nestedCheck(defaultMetadataStorage.findTypeMetadata(target as never, property)?.typeFunction() as Target)
    : undefined;
  return (object, value) => {
    for (const condition of conditions) {
      if (!(condition.constraints[0] as ValueCheck)(object, value)) return true;
    }
    // class-transformer drops an array's holes, so the instance's array is shorter: leave those to class-validator.
    if (Array.isArray(value) && !isDense(value)) return false;
    for (const constraint of constraints) if (!constraint(object, value)) return false;
    return !nested || nested(value);
  };
}

function constraintCheck(target: Target, metadata: ValidationMetadata): ValueCheck {
  const validators = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  // Asynchronous constraints are skipped by validateSync; leave such a class to it.
  if (validators.some((validator) => validator.async)) return () => false;
  const targetName = target.name;
  const run = (object: Plain, value: unknown): boolean => {
    const args: ValidationArguments = {
      targetName,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    for (const validator of validators) {
      const valid: unknown = validator.instance.validate(value, args);
      if (valid !== true && valid !== false) return false;
      if (!valid) return false;
    }
    return true;
  };
  return (object, value) => {
    if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
    if (!metadata.each) return run(object, value);
    if (Array.isArray(value)) return value.every((item) => run(object, item));
    // class-validator checks a Set's or Map's members one by one too: leave those to it.
    return !(value instanceof Set || value instanceof Map) && run(object, value);
  };
}

/**
 * As `nestedValidations` after class-transformer's `@Type`: undefined passes,
 * arrays are checked item by item at any depth, an object by its class's
 * contract, anything else fails. An object that is not plain (an instance of
 * some class) would be validated by its own constructor: left to class-validator.
 */
function nestedCheck(type: Target | undefined): (value: unknown) => boolean {
  const check = (value: unknown): boolean => {
    if (value === undefined) return true;
    if (Array.isArray(value)) return isDense(value) && value.every(check);
    if (!isPlainObject(value)) return false;
    return type ? checkOf(type)(value) : true;
  };
  return check;
}

/**
 * Only classes whose instances class-transformer fills by copying the plain
 * value's keys as they are: no @Transform, @Expose or @Exclude (on a property
 * or the class), no @Type that is discriminated, built-in (those convert
 * values) or chosen from the value, no validated property that is an accessor
 * or method (class-transformer skips such keys) and none with a default (an
 * instance would have it where the plain value has nothing).
 */
function transformsPlainly(target: Target, metadatas: ValidationMetadata[]): boolean {
  if (defaultMetadataStorage.getStrategy(target as never) !== 'none') return false;
  if (defaultMetadataStorage.getExposedMetadatas(target as never).length > 0) return false;
  if (defaultMetadataStorage.getExcludedMetadatas(target as never).length > 0) return false;
  let blank: Record<string, unknown>;
  try {
    blank = new (target as unknown as new () => Record<string, unknown>)();
  } catch {
    return false;
  }
  for (const { propertyName, type } of metadatas) {
    if (blank[propertyName] !== undefined || onPrototypeChain(target, propertyName)) return false;
    if (!HANDLED_TYPES.has(type)) return false;
    const transforms = defaultMetadataStorage.findTransformMetadatas(
      target as never,
      propertyName,
      TransformationType.PLAIN_TO_CLASS,
    );
    if (transforms.length > 0) return false;
    const typed = defaultMetadataStorage.findTypeMetadata(target as never, propertyName);
    // A @Type function that takes the object being built may answer differently for each value.
    if (typed && (typed.typeFunction.length > 0 || typed.options?.discriminator)) return false;
    if (typed && BUILT_IN.has(typed.typeFunction() as never)) return false;
  }
  return true;
}

function onPrototypeChain(target: Target, property: string): boolean {
  for (let prototype = target.prototype as object | null; prototype && prototype !== Object.prototype;) {
    if (Object.hasOwn(prototype, property)) return true;
    prototype = Object.getPrototypeOf(prototype) as object | null;
  }
  return false;
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

function isDense(array: unknown[]): boolean {
  for (let index = 0; index < array.length; index++) if (!(index in array)) return false;
  return true;
}

const BUILT_IN = new Set<unknown>([String, Number, Boolean, Date, Object, Array, Map, Set, Promise]);

/**
 * What JSON.parse makes of an object (in any realm: a test's sandbox has its
 * own Object): class-transformer copies such a value key by key.
 */
function isPlainObject(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  // An own "__proto__" key (JSON.parse makes one) would become the instance's prototype.
  return (prototype === null || Object.getPrototypeOf(prototype) === null) && !Object.hasOwn(value, '__proto__');
}
