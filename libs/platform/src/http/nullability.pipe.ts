import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { FieldError, RequestValidationError } from './domain-errors';

type Schema = {
  $ref?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
};

/**
 * A field the API's document does not mark nullable refuses null (400 naming it), whatever the
 * field's own validators allow: `@IsOptional()` lets null through as "not sent", which would
 * silently ignore what the client said. The document is read once, so validation and
 * documentation cannot disagree. Given as a function, it is built on the first request with a
 * body rather than at start.
 */
@Injectable()
export class NullabilityPipe implements PipeTransform {
  private loaded?: Record<string, Schema>;

  constructor(private readonly document: OpenAPIObject | (() => OpenAPIObject)) {}

  private get schemas(): Record<string, Schema> {
    if (this.loaded === undefined) {
      const document = typeof this.document === 'function' ? this.document() : this.document;
      this.loaded = document.components?.schemas ?? {};
    }
    return this.loaded;
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !metadata.metatype) return value;
    const schema = this.schemas[metadata.metatype.name];
    if (!schema) return value;
    const errors: FieldError[] = [];
    this.check(value, schema, '', errors, 0);
    if (errors.length > 0) throw new RequestValidationError(errors);
    return value;
  }

  private resolve(schema: Schema): Schema {
    const ref = schema.$ref ?? schema.allOf?.find((s) => s.$ref)?.$ref;
    if (!ref) return schema;
    const target = this.schemas[ref.replace('#/components/schemas/', '')];
    return target ? { ...target, nullable: schema.nullable } : schema;
  }

  private check(value: unknown, schema: Schema, path: string, errors: FieldError[], depth: number) {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    const resolved = this.resolve(schema);
    if (Array.isArray(value)) {
      if (resolved.items) {
        value.forEach((item, i) =>
          this.check(item, resolved.items!, `${path}${path ? '.' : ''}${i}`, errors, depth + 1),
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
          errors.push({ field, message: 'must not be null' });
        }
      } else {
        this.check(child, property, field, errors, depth + 1);
      }
    }
  }
}
