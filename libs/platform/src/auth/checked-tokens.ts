import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../database/prepared';

/** The channel the triggers on `access_token` and `app_user` notify (migration AuthChangeNotify). */
export const AUTH_CHANGED_CHANNEL = 'auth_changed';

/** How long a checked token is kept at most, should a notice ever be lost without the link. */
const KEEP_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;

interface Entry<T> {
  value: T;
  /** The token's own expiry, and the end of the keeping; both in epoch ms. */
  expiresAtMs: number;
  keptUntilMs: number;
}

/**
 * The tokens this process has checked, with their user, so that a request need not ask
 * PostgreSQL again. Tokens live in PostgreSQL; this only remembers answers, and forgets them all
 * when any account or token changes: triggers notify `auth_changed` at commit, whichever process
 * made the change (another replica, the CLI), and a listening connection hears it. Without that
 * connection (not yet open, or lost) nothing is kept, so every request asks PostgreSQL: a
 * revocation is never missed, only the saving is.
 *
 * An answer read while a change was committing is kept only if no notice came in meanwhile (the
 * generation), so a revoked token is never remembered as valid.
 */
@Injectable()
export class CheckedTokens<T = unknown> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Auth');
  private readonly entries = new Map<string, Entry<T>>();
  private generationCount = 0;
  private listener?: Client;
  private retry?: NodeJS.Timeout;
  private closed = false;
  private warned = false;

  constructor(private readonly dataSource: DataSource) {}

  /** True while notices can be heard, the only time anything is kept. */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  /** Changes whenever everything kept is forgotten; `keep` compares it with the one it started from. */
  get generation(): number {
    return this.generationCount;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = undefined;
    this.forgetAll();
    await listener?.end().catch(() => undefined);
  }

  /** The kept answer for a token hash, if it is still good at `nowMs`. */
  get(key: string, nowMs: number): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= nowMs || entry.keptUntilMs <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps an answer read at `generation`, unless a change was heard since or no one listens. */
  keep(key: string, value: T, expiresAt: Date, generation: number): void {
    if (!this.listening || generation !== this.generationCount) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // The oldest first (a Map keeps insertion order).
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, {
      value,
      expiresAtMs: expiresAt.getTime(),
      keptUntilMs: Date.now() + KEEP_MS,
    });
  }

  /** Forgets everything: on every notice, and right after this process changes accounts. */
  forgetAll(): void {
    this.generationCount++;
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client(poolOf(this.dataSource).options);
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      this.forgetAll();
      if (this.closed) return;
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(
          `Not listening for account changes (${error?.message ?? 'connection ended'}); ` +
            'every request checks its token in the database until it is back',
        );
      }
      void client.end().catch(() => undefined);
      this.retry = setTimeout(() => void this.listen(), RECONNECT_MS);
      this.retry.unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', () => this.forgetAll());
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.closed || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    // What was kept before now may have missed a notice.
    this.forgetAll();
    this.listener = client;
    if (this.warned) this.logger.log('Listening for account changes again');
    this.warned = false;
  }
}
