import type { DataSource } from 'typeorm';

export interface ConnectOptions {
  /** Give up after this long; 0 tries once. */
  timeoutS: number;
  log: (message: string) => void;
}

/**
 * Connects a DataSource, retrying with exponential back-off (0.5 s doubling to 10 s) and saying so
 * in the log. A failed attempt leaves it unconnected, so the same one tries again.
 */
export async function connectWithRetry(
  dataSource: DataSource,
  { timeoutS, log }: ConnectOptions,
): Promise<DataSource> {
  const deadline = Date.now() + timeoutS * 1000;
  let delay = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.initialize();
    } catch (error) {
      const reason = (error as Error).message || String(error);
      if (Date.now() + delay > deadline) {
        throw new Error(
          `Could not connect to the database after ${attempt} attempt(s): ${reason}`,
          {
            cause: error,
          },
        );
      }
      log(`Database not reachable (${reason}); retrying in ${delay / 1000} s (attempt ${attempt})`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
