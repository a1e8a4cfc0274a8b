import { Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
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

/** Validates `sort` as a comma-separated list of documented fields, each optionally prefixed by `-`. */
export function IsSort(fields: readonly string[]): PropertyDecorator {
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

/** Maps API sort names to SQL expressions of the query builder's aliases. */
export type SortColumns = Record<string, string>;

/** Applies `sort`, the page window and counts: one query for the rows and one for the total. */
export async function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto & { sort?: string },
  sortColumns: SortColumns,
  defaultSort: string,
  tiebreaker = `${qb.alias}.id`,
): Promise<Page<E>> {
  const tokens = (query.sort ?? defaultSort).split(',');
  tokens.forEach((token, index) => {
    const descending = token.startsWith('-');
    const column = sortColumns[token.replace(/^-/, '')];
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
