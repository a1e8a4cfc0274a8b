import { applyDecorators, Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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

/**
 * A whole number from a query string, written in decimal only: `0x10`, `1e3` or ` 7` stay strings
 * and fail `@IsInt()`, where `Number()` would read them.
 */
export const ToInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
  );

/** Paging and search shared by every list endpoint; each resource adds `sort` and its filters. */
export class ListQueryDto {
  /** Page number, from 1. */
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  page: number = 1;

  /** Items per page, at most 100. */
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @ToInteger()
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
  applySort(qb, query, sort, tiebreaker);
  qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
  const [items, total] = await qb.getManyAndCount();
  return { items, page: query.page, pageSize: query.pageSize, total };
}

/** Orders a list by `sort` (or the list's default), search rank first, then a unique tiebreaker. */
export function applySort<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: { sort?: string },
  sort: SortSpec,
  tiebreaker = `${qb.alias}.id`,
): SelectQueryBuilder<E> {
  qb.orderBy();
  // Search results rank first by how exactly they match, unless the client chose an order. (With
  // joins, TypeORM pages through a subquery that cannot order by an expression: no ranking there.)
  const rank = searchRanks.get(qb);
  const joined = qb.expressionMap.joinAttributes.length > 0;
  if (rank !== undefined && query.sort === undefined && !joined) qb.addOrderBy(rank, 'ASC');
  for (const token of (query.sort ?? sort.default).split(',')) {
    const descending = token.startsWith('-');
    const column = sort.columns[token.replace(/^-/, '')];
    qb.addOrderBy(column, descending ? 'DESC' : 'ASC', descending ? 'NULLS LAST' : 'NULLS FIRST');
  }
  // A unique tiebreaker keeps pages stable when sort values repeat (unless it is the sort itself).
  if (!(tiebreaker in qb.expressionMap.orderBys)) qb.addOrderBy(tiebreaker, 'ASC');
  return qb;
}

/**
 * Abbreviations people type for the words names spell out, by their search key (no diacritics,
 * lower case): "UBND" finds "Ủy ban nhân dân", "KH&CN" finds "Khoa học và Công nghệ".
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ubnd: 'uy ban nhan dan',
  hdnd: 'hoi dong nhan dan',
  'kh&cn': 'khoa hoc va cong nghe',
  khcn: 'khoa hoc va cong nghe',
  'tp.': 'thanh pho',
  tp: 'thanh pho',
  'tx.': 'thi xa',
  'tt.': 'thi tran',
  htx: 'hop tac xa',
  dn: 'doanh nghiep',
  tnhh: 'trach nhiem huu han',
};

/** A word's key for looking up abbreviations (the database makes the keys it matches on). */
function roughKey(word: string): string {
  // đ and Đ, escaped: the server's bundle stays ASCII (scripts/bundle.js).
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0111\u0110]/g, 'd')
    .toLowerCase();
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** How search results rank before the list's own order, per query (when the client chose none). */
const searchRanks = new WeakMap<object, string>();

export interface SearchColumns {
  /** The diacritic-free key column (or SQL) matched against; `<alias>.searchKey` by default. */
  key?: string;
  /** The text as people read it: where the words appear exactly as typed ranks first. */
  text?: string;
}

/**
 * Adds the `q` filter: every word of `q` must appear in the diacritic-free key, in any order
 * (`ubnd co do` finds "Ủy ban nhân dân huyện Cờ Đỏ"), a common abbreviation matching what it
 * stands for. Keys of `q` are made by the same SQL function that fills the key columns. Unless
 * the client chose an order, records holding `q` exactly as typed (in `text`, diacritics
 * included) come first, then those holding it as a phrase, then the others.
 */
export function whereSearch<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  q: string | undefined,
  columns: SearchColumns = {},
): SelectQueryBuilder<E> {
  const text = q === undefined ? '' : normalizeSingleLine(q);
  if (text === '') return qb;
  const key = columns.key ?? `${qb.alias}.searchKey`;
  text.split(' ').forEach((word, index) => {
    const name = `searchWord${index}`;
    const spelledOut = ABBREVIATIONS[roughKey(word)];
    const typed = `${key} LIKE '%' || f_search_key(:${name}) || '%'`;
    if (spelledOut === undefined) {
      qb.andWhere(typed, { [name]: likeEscape(word) });
    } else {
      qb.andWhere(`(${typed} OR ${key} LIKE :${name}Spelled)`, {
        [name]: likeEscape(word),
        [`${name}Spelled`]: `%${spelledOut}%`,
      });
    }
  });
  // Ranks: q as typed (diacritics included), then q as a phrase, then its words in any order.
  const exact = columns.text ? `WHEN lower(${columns.text}) LIKE :searchExact THEN 0 ` : '';
  searchRanks.set(
    qb,
    `CASE ${exact}WHEN ${key} LIKE '%' || f_search_key(:searchPhrase) || '%' THEN 1 ELSE 2 END`,
  );
  qb.setParameter('searchPhrase', likeEscape(text));
  if (columns.text) qb.setParameter('searchExact', `%${likeEscape(text.toLowerCase())}%`);
  return qb;
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
