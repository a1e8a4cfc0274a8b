import { ArgumentMetadata, Injectable, PipeTransform, type Type } from '@nestjs/common';
import { FieldError, RequestValidationError } from './domain-errors';

type Schema = {
  $ref?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
};

/** The API document's schemas for a body's class and the classes it refers to, by name. */
export type DocumentedSchemas = (type: Type<unknown>) => Record<string, object>;

/**
 * A field the API's document does not mark nullable refuses null (400 naming it), whatever the
 * field's own validators allow: `@IsOptional()` lets null through as "not sent", which would
 * silently ignore what the client said. The schemas are the document's own, read once per body
 * class when it is first sent, so validation and documentation cannot disagree.
 */
@Injectable()
export class NullabilityPipe implements PipeTransform {
  private readonly schemasByType = new Map<Type<unknown>, Record<string, Schema>>();

  constructor(private readonly documented: DocumentedSchemas) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const type = metadata.metatype;
    if (metadata.type !== 'body' || !type) return value;
    let schemas = this.schemasByType.get(type);
    if (schemas === undefined) {
      schemas = this.documented(type);
      this.schemasByType.set(type, schemas);
    }
    const schema = schemas[type.name];
    if (!schema) return value;
    const errors: FieldError[] = [];
    new NullCheck(schemas, errors).check(value, schema, '', 0);
    if (errors.length > 0) throw new RequestValidationError(errors);
    return value;
  }
}

/** One body's walk: every null it holds where its schemas do not allow one. */
class NullCheck {
  constructor(
    private readonly schemas: Record<string, Schema>,
    private readonly errors: FieldError[],
  ) {}

  private resolve(schema: Schema): Schema {
    const ref = schema.$ref ?? schema.allOf?.find((s) => s.$ref)?.$ref;
    if (!ref) return schema;
    const target = this.schemas[ref.replace('#/components/schemas/', '')];
    return target ? { ...target, nullable: schema.nullable } : schema;
  }

  check(value: unknown, schema: Schema, path: string, depth: number): void {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    const resolved = this.resolve(schema);
    if (Array.isArray(value)) {
      if (resolved.items) {
        value.forEach((item, i) =>
          this.check(item, resolved.items!, `${path}${path ? '.' : ''}${i}`, depth + 1),
        );
      }
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const property = resolved.properties?.[key];
      if (!property) continue;
      const field = path ? `${path}.${key}` : key;
      if (child === null) {
        if (!this.resolve(property).nullable && !property.nullable) {
          this.errors.push({ field, message: 'must not be null' });
        }
      } else {
        this.check(child, property, field, depth + 1);
      }
    }
  }
}
