import { getMetadataStorage, IS_LATITUDE, IS_LONGITUDE, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { defaultConverters, type ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

export type JsonSchema = ReturnType<typeof targetConstructorToSchema>;
type ValidatedClass = new () => object;

/** JSON Schemas for validators class-validator-jsonschema does not know (keyed by validator name). */
const CONVERTERS: ISchemaConverters = {
  isInn: {
    type: 'string',
    pattern: '^(\\d{10}|\\d{12})$',
    description:
      'Russian taxpayer number (INN): 10 digits for an organisation, 12 for an individual. The last digit ' +
      '(of 10) or the last two (of 12) are check digits: a weighted sum of the preceding digits mod 11 mod 10, ' +
      'with the weights of the Federal Tax Service. Readers reject a number whose check digits do not match.',
  },
  [IS_LATITUDE]: { type: 'number', minimum: -90, maximum: 90 },
  [IS_LONGITUDE]: { type: 'number', minimum: -180, maximum: 180 },
};

/**
 * Without a converter the library silently documents a custom validator as a bare
 * type (or a dangling $ref): fail instead, naming the property.
 */
function assertEveryValidatorConverts(target: ValidatedClass): void {
  const storage = getMetadataStorage();
  for (const meta of storage.getTargetValidationMetadatas(target, '', true, false)) {
    const name =
      meta.type === ValidationTypes.CUSTOM_VALIDATION
        ? storage.getTargetValidatorConstraints(meta.constraintCls)[0]?.name
        : meta.type;
    if (!name || !(name in defaultConverters || name in CONVERTERS)) {
      throw new Error(
        `${target.name}.${meta.propertyName}: no JSON Schema for validator "${name}"; add one to CONVERTERS in libs/contracts/src/asyncapi/payload-schemas.ts`,
      );
    }
  }
}

/** `@IsOptional()` lets both undefined and null through, so an optional property may be null. */
function allowNullWhenOptional(schema: JsonSchema): JsonSchema {
  const required = new Set(schema.required ?? []);
  const properties = Object.entries(schema.properties ?? {}).map(([name, property]) => [
    name,
    required.has(name) ? property : { anyOf: [property, { type: 'null' }] },
  ]);
  return { ...schema, properties: Object.fromEntries(properties) };
}

/**
 * The JSON Schema of a class from its class-validator decorators, inherited ones included.
 * Per class (`targetConstructorToSchema`) rather than `validationMetadatasToSchemas`, which
 * reads every class in the process-wide metadata store and merges classes that share a name.
 */
export function schemaOf(target: ValidatedClass): JsonSchema {
  assertEveryValidatorConverts(target);
  return allowNullWhenOptional(
    targetConstructorToSchema(target, {
      additionalConverters: CONVERTERS,
      // Nested classes (@ValidateNested + @Type) become $refs to their own component schemas.
      classTransformerMetadataStorage: defaultMetadataStorage,
      refPointerPrefix: '#/components/schemas/',
    }),
  );
}

/** The classes nested in `target` through @ValidateNested and @Type, at any depth. */
function nestedClasses(target: ValidatedClass, found = new Set<ValidatedClass>()): Set<ValidatedClass> {
  const storage = getMetadataStorage();
  for (const meta of storage.getTargetValidationMetadatas(target, '', true, false)) {
    if (meta.type !== ValidationTypes.NESTED_VALIDATION) continue;
    const nested = defaultMetadataStorage.findTypeMetadata(target, meta.propertyName)?.typeFunction() as
      ValidatedClass | undefined;
    if (nested && !found.has(nested)) {
      found.add(nested);
      nestedClasses(nested, found);
    }
  }
  return found;
}

/** Schemas by class name, as used in `components.schemas`; two classes may not share a name. */
export function schemasByName(targets: Iterable<ValidatedClass>): Record<string, JsonSchema> {
  const byName = new Map<string, ValidatedClass>();
  const all = [...targets].flatMap((target) => [target, ...nestedClasses(target)]);
  for (const target of all) {
    const taken = byName.get(target.name);
    if (taken && taken !== target) throw new Error(`two payload classes are named ${target.name}: rename one`);
    byName.set(target.name, target);
  }
  return Object.fromEntries([...byName].map(([name, target]) => [name, schemaOf(target)]));
}
