import { Injectable } from '@nestjs/common';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, queryPrepared } from '@app/platform';

/** A report as sent: its bytes and the headers that say what they are. */
export interface ReportBody {
  body: Buffer;
  contentType: string;
  contentDisposition?: string;
}

/** A report made, and the same bytes gzipped once a client asks for them so. */
export interface MadeReport extends ReportBody {
  gzipped(): Promise<Buffer> | undefined;
}

interface Entry extends ReportBody {
  version: string;
  gzip?: Promise<Buffer>;
}

/** Text (JSON, CSV) shrinks about tenfold; XLSX and PDF are compressed already. */
const COMPRESSIBLE = /^(application\/json|text\/csv)/;
const MIN_COMPRESSED_BYTES = 1024;

const gzip = promisify(gzipCallback);

/** What the cache may hold: a few hundred reports, and not more than this many bytes. */
const MAX_ENTRIES = 256;
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The reports this process has made, kept with the version of the data they were made from
 * (`reporting.data_version`, moved by a trigger in every transaction that changes what reports
 * read, whoever writes). A report asked again while the version has not moved is the same report,
 * figure for figure, so it is sent again as it was made (its `generatedAt` says when); any change
 * makes the next request compute it anew. Each request still asks PostgreSQL for the version, so
 * replicas never serve what another replica's write made stale.
 *
 * The key holds everything a report depends on: the route, the query as validated, today's date
 * (overdue counts), and the caller's reach (role, district, unit).
 */
@Injectable()
export class ReportCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The report for `key`: kept if still current, else made by `make` and kept. */
  async get(key: string, make: () => Promise<ReportBody>): Promise<MadeReport> {
    // Read before the report's own snapshot: a write committed in between makes the kept copy
    // newer than its version says, never older, so it is only made again needlessly.
    const version = await this.version();
    const kept = this.entries.get(key);
    if (kept?.version === version) {
      // Most recently used last, so eviction takes the least recently used.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return made(kept);
    }
    const entry: Entry = { ...(await make()), version };
    this.put(key, entry);
    return made(entry);
  }

  private async version(): Promise<string> {
    const rows = await queryPrepared<{ version: string }>(
      this.dataSource,
      'SELECT version FROM reporting.data_version WHERE id = 1',
      {},
    );
    return rows[0].version;
  }

  private put(key: string, entry: Entry): void {
    this.remove(key);
    if (entry.body.length > MAX_BYTES / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

function made(entry: Entry): MadeReport {
  return {
    body: entry.body,
    contentType: entry.contentType,
    contentDisposition: entry.contentDisposition,
    gzipped: () => {
      if (!COMPRESSIBLE.test(entry.contentType) || entry.body.length < MIN_COMPRESSED_BYTES) {
        return undefined;
      }
      // Off the event loop, once per report made; a failure is not kept.
      entry.gzip ??= gzip(entry.body).catch((error: unknown) => {
        entry.gzip = undefined;
        throw error;
      });
      return entry.gzip;
    },
  };
}

/**
 * The part of a cache key that says whose report it is: what the caller's scope rules read (the
 * rules themselves are the route's, already in the key).
 */
export function reachOf(actor: Actor): string {
  return [actor.role, actor.adminUnitId ?? '', actor.organisationId ?? ''].join('|');
}
