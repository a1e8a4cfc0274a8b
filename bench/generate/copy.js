// Loading through COPY … FROM STDIN (pg-copy-streams): rows are written as lines of COPY's text
// format and sent in chunks of about 256 KiB, waiting when the server is behind, so no table is
// ever held whole in memory. Each table loads in a transaction of its own that first empties it,
// so COPY may FREEZE the rows (no hint bits to set or vacuum to run after the load).
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

const CHUNK = 256 * 1024;
const SPECIAL = /[\\\t\n\r]/;

/** A value as COPY's text format writes it: NULL as \N, arrays as {…}, specials escaped. */
function field(value) {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') {
    return SPECIAL.test(value)
      ? value
          .replace(/\\/g, '\\\\')
          .replace(/\t/g, '\\t')
          .replace(/\n/g, '\\n')
          .replace(/\r/g, '\\r')
      : value;
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return field(`{${value.map(arrayItem).join(',')}}`);
  return String(value);
}

function arrayItem(value) {
  if (typeof value === 'number') return String(value);
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const DAY_MS = 86_400_000;
const DATES = new Map();
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** A day number (days since 1970-01-01) as YYYY-MM-DD. */
function dateText(n) {
  let text = DATES.get(n);
  if (text === undefined) {
    text = new Date(n * DAY_MS).toISOString().slice(0, 10);
    DATES.set(n, text);
  }
  return text;
}

/** Epoch milliseconds as a timestamptz in Viet Nam time (to the second), e.g. 2023-08-08 14:00:00+07. */
function instant(ms) {
  const local = Math.floor((ms + 7 * 3_600_000) / 1000);
  const n = Math.floor(local / 86_400);
  let rest = local - n * 86_400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  return `${dateText(n)} ${TWO[h]}:${TWO[m]}:${TWO[rest - m * 60]}+07`;
}

/**
 * One table's COPY on a connection of its own, opened once the table has a chunk to send (a small
 * table is sent whole when the load ends, so a small load holds few connections).
 */
class TableCopy {
  constructor(url, table, columns, settings) {
    this.url = url;
    this.table = table;
    this.columns = columns;
    this.settings = settings;
    this.rows = 0;
    this.buffer = '';
  }

  async open() {
    this.started = process.hrtime.bigint();
    this.client = new Client({ connectionString: this.url, application_name: 'st-bench-generate' });
    await this.client.connect();
    for (const statement of this.settings) await this.client.query(statement);
    await this.client.query('BEGIN');
    await this.client.query(`TRUNCATE ${this.table}`);
    const columns = this.columns.map((c) => `"${c}"`).join(', ');
    this.stream = this.client.query(
      copyFrom(`COPY ${this.table} (${columns}) FROM STDIN WITH (FREEZE)`),
    );
    this.failure = new Promise((_, reject) => this.stream.on('error', reject));
    this.failure.catch(() => undefined);
    return this;
  }

  /** Adds a row (values in the order of `columns`); `settle` waits when the server is behind. */
  add(values) {
    let line = field(values[0]);
    for (let i = 1; i < values.length; i++) line += `\t${field(values[i])}`;
    this.buffer += `${line}\n`;
    this.rows++;
    if (this.buffer.length >= CHUNK) {
      if (this.stream) this.flush();
      else this.opening ??= this.open();
    }
  }

  flush() {
    if (this.buffer.length === 0) return;
    if (!this.stream.write(this.buffer)) this.behind = true;
    this.buffer = '';
  }

  /** Resolves once the server has taken what was sent, when it was behind (or not yet connected). */
  settle() {
    if (this.opening && !this.stream) {
      return this.opening.then(() => {
        this.flush();
        return this.settle();
      });
    }
    if (!this.behind) return undefined;
    this.behind = false;
    return Promise.race([
      new Promise((resolve) => this.stream.once('drain', resolve)),
      this.failure,
    ]);
  }

  /** Sends the rest, waits for the server to take it all, commits; returns the seconds it took. */
  async close() {
    if (!this.stream) await (this.opening ??= this.open());
    this.flush();
    await this.settle();
    await Promise.race([
      new Promise((resolve, reject) => {
        this.stream.on('finish', resolve);
        this.stream.on('error', reject);
        this.stream.end();
      }),
      this.failure,
    ]);
    await this.client.query('COMMIT');
    await this.client.end();
    this.seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    return this.seconds;
  }

  async abort() {
    try {
      this.stream?.destroy();
      await this.client?.end();
    } catch {
      // already gone
    }
  }
}

/**
 * Loads several tables at once, each COPY on a connection of its own: `produce(tables)` adds rows
 * with `tables.<name>.add([...])` and awaits `tables.settle()` between records, which waits while
 * a server connection is behind (so memory holds at most a record's rows beyond the buffers).
 */
async function copyTables(url, settings, specs, produce) {
  const tables = {};
  Object.defineProperty(tables, 'settle', {
    enumerable: false,
    value() {
      let waits;
      for (const copy of Object.values(tables)) {
        const wait = copy.settle();
        if (wait) (waits ??= []).push(wait);
      }
      return waits ? Promise.all(waits) : undefined;
    },
  });
  try {
    for (const [name, columns] of Object.entries(specs)) {
      tables[name] = new TableCopy(url, name, columns, settings);
    }
    await produce(tables);
    // The tables being sent finish together; the small ones then go one after another.
    const seconds = {};
    const entries = Object.entries(tables);
    await Promise.all(
      entries
        .filter(([, copy]) => copy.stream)
        .map(async ([name, copy]) => (seconds[name] = await copy.close())),
    );
    for (const [name, copy] of entries.filter(([, c]) => !c.stream)) {
      seconds[name] = await copy.close();
    }
    return Object.fromEntries(
      Object.entries(tables).map(([name, copy]) => [
        name,
        { rows: copy.rows, seconds: seconds[name] },
      ]),
    );
  } catch (error) {
    await Promise.all(Object.values(tables).map((copy) => copy.abort()));
    throw error;
  }
}

module.exports = { copyTables, field, instant, dateText };
