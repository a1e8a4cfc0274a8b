import { applyDecorators, Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { normalizeSingleLine } from '../text/vietnamese-text';

export const MAX_PAGE_SIZE = 100;

/** Paging and search shared by every list endpoint; each resource adds `sort` and its filters. */
export class ListQueryDto {
  /** Page number, from 1. */
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  /** Items per page, at most 100. */
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;

  /** Searches names and titles, ignoring case and Vietnamese diacritics ("thoi an dong"). */
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/**
 * The sorts of one list, defined once: the API names a client may send, each with the SQL it
 * orders by on the list's alias `r`, and the default. It feeds the query parameter's validation
 * and documentation (`@SortParam`) and the query (`paginate`), so the two cannot disagree.
 */
export interface SortSpec {
  columns: Readonly<Record<string, string>>;
  default: string;
  /** What a client should know beyond the names (e.g. where empty values sort). */
  note?: string;
}

export function defineSort(
  columns: Record<string, string>,
  options: { default: string; note?: string },
): SortSpec {
  const names = Object.keys(columns);
  for (const token of options.default.split(',')) {
    if (!names.includes(token.replace(/^-/, ''))) {
      throw new Error(`The default sort ${options.default} names no sortable field`);
    }
  }
  return { columns, ...options };
}

/** Validates `sort` as a comma-separated list of documented fields, each optionally prefixed by `-`. */
function IsSort(fields: readonly string[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isSort',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [fields],
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || value.length === 0) return false;
          return value.split(',').every((token) => fields.includes(token.replace(/^-/, '')));
        },
        defaultMessage(args: ValidationArguments) {
          return `must be one or more of ${(args.constraints[0] as string[]).join(', ')} (comma-separated, prefix - for descending)`;
        },
      },
    });
  };
}

/** The `sort` query parameter of a list: validated, and documented with its fields and default. */
export function SortParam(spec: SortSpec): PropertyDecorator {
  const fields = Object.keys(spec.columns);
  return applyDecorators(
    ApiPropertyOptional({
      description: `Comma-separated; prefix - for descending. Fields: ${fields.join(', ')}. Default ${spec.default}.${spec.note ? ` ${spec.note}` : ''}`,
      example: spec.default,
    }),
    IsOptional(),
    IsSort(fields),
  );
}

/** Query-string booleans: only `true` and `false` are accepted. */
export const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Applies `sort`, the page window and counts: one query for the rows and one for the total. */
export async function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto & { sort?: string },
  sort: SortSpec,
  tiebreaker = `${qb.alias}.id`,
): Promise<Page<E>> {
  const tokens = (query.sort ?? sort.default).split(',');
  tokens.forEach((token, index) => {
    const descending = token.startsWith('-');
    const column = sort.columns[token.replace(/^-/, '')];
    const order = descending ? 'DESC' : 'ASC';
    if (index === 0) qb.orderBy(column, order, descending ? 'NULLS LAST' : 'NULLS FIRST');
    else qb.addOrderBy(column, order, descending ? 'NULLS LAST' : 'NULLS FIRST');
  });
  // A unique tiebreaker keeps pages stable when sort values repeat (unless it is the sort itself).
  if (!(tiebreaker in qb.expressionMap.orderBys)) qb.addOrderBy(tiebreaker, 'ASC');
  qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
  const [items, total] = await qb.getManyAndCount();
  return { items, page: query.page, pageSize: query.pageSize, total };
}

/**
 * Adds the `q` filter on a diacritic-free `search_key` column (trigram-indexed). The key of `q` is
 * made by the same SQL function that fills the column, so both sides always agree.
 */
export function whereSearch<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  q: string | undefined,
  column = `${qb.alias}.searchKey`,
): SelectQueryBuilder<E> {
  const text = q === undefined ? '' : normalizeSingleLine(q);
  if (text === '') return qb;
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return qb.andWhere(`${column} LIKE '%' || f_search_key(:searchText) || '%'`, {
    searchText: escaped,
  });
}

/** A Swagger-visible page class for one item type (`{ items, page, pageSize, total }`). */
export function PageOf<T>(itemType: NestType<T>): NestType<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [itemType] })
    items: T[];
    @ApiProperty({ example: 1 })
    page: number;
    @ApiProperty({ example: 20 })
    pageSize: number;
    @ApiProperty({ example: 1, description: 'Items matching the filters, over all pages' })
    total: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${itemType.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}

/** A list whose deleted records can be listed (to restore one) by the roles that may restore them. */
export class DeletableListQueryDto extends ListQueryDto {
  /** true: only deleted records, to restore one (for the roles that may restore them; 403 otherwise). */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  deleted?: boolean;
}
