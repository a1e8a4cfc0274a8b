import type { Http } from './http';
import { fillPath, type Operation, pathParamNames } from './openapi';

export interface Item {
  id: string;
  version?: number;
}

/**
 * The records a request can point at, read from the API's own list operations: for
 * `/api/v1/working-sessions/{id}/records/{recordId}`, the ids come from `GET /api/v1/working-sessions`
 * and then `GET /api/v1/working-sessions/<id>/records`. Cached until the fuzz changes something.
 */
export class Targets {
  private readonly cache = new Map<string, Item[]>();
  private readonly lists = new Map<string, Operation>();

  constructor(
    private readonly http: Http,
    operations: Operation[],
    private readonly token: () => string,
    /** Ids no write may touch: the fuzz's own accounts. */
    private readonly protectedIds: Set<string>,
  ) {
    for (const op of operations) if (op.method === 'get') this.lists.set(op.path, op);
  }

  /** Forget what was read: called after every answer that may have changed something. */
  invalidate(): void {
    this.cache.clear();
  }

  hasList(template: string): boolean {
    return this.lists.has(template);
  }

  /** The items of a collection (a filled template), live or deleted, as its list operation answers. */
  async items(
    template: string,
    values: Record<string, string>,
    options: { deleted?: boolean; forWrite?: boolean; query?: string } = {},
  ): Promise<Item[]> {
    const op = this.lists.get(template);
    if (!op) return [];
    const query: string[] = [];
    const pageSize = op.params.find((p) => p.in === 'query' && p.name === 'pageSize');
    if (pageSize) query.push(`pageSize=${pageSize.schema.maximum ?? 100}`);
    if (options.query) query.push(options.query);
    if (options.deleted) {
      if (!op.params.some((p) => p.in === 'query' && p.name === 'deleted')) return [];
      query.push('deleted=true');
    }
    const url = `${fillPath(template, values)}${query.length ? `?${query.join('&')}` : ''}`;
    let items = this.cache.get(url);
    if (!items) {
      const res = await this.http.get(url, this.token());
      const body = res.json as { items?: unknown } | unknown[] | undefined;
      const list = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [];
      items = (list as { id?: unknown; version?: unknown }[])
        .filter((i): i is { id: string; version?: unknown } => typeof i?.id === 'string')
        .map((i) => ({
          id: i.id,
          version: typeof i.version === 'number' ? i.version : undefined,
        }));
      this.cache.set(url, items);
    }
    return options.forWrite ? items.filter((i) => !this.protectedIds.has(i.id)) : items;
  }

  /** Every `{param}` of a template and the template of the list it is an item of. */
  static parents(template: string): { name: string; collection: string }[] {
    return pathParamNames(template).map((name) => ({
      name,
      collection: template.slice(0, template.indexOf(`/{${name}}`)),
    }));
  }
}
