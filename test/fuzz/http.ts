import type { Server } from 'node:http';
import request from 'supertest';
import type { FuzzRequest, FuzzResponse } from './oracle';

/** Counts every request the fuzz sends, its own reads included. */
export class Http {
  sent = 0;

  constructor(private readonly server: Server) {}

  async send(req: FuzzRequest): Promise<FuzzResponse> {
    this.sent++;
    const method = req.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let test = request(this.server)[method](req.url).timeout(30_000);
    for (const [name, value] of Object.entries(req.headers)) test = test.set(name, value);
    if (req.body) test = test.set('Content-Type', req.body.contentType).send(req.body.raw);
    try {
      const res = await test;
      const text = res.text ?? '';
      let json: unknown;
      if (/json/.test(String(res.headers['content-type'] ?? '')) && text.length > 0) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return { status: res.status, headers: res.headers, text, json };
    } catch (error) {
      // No answer at all (a timeout, a dropped connection): status 0.
      return { status: 0, headers: {}, text: String(error) };
    }
  }

  /** A plain GET as one caller, for the fuzz's own reads. */
  get(url: string, token: string | undefined): Promise<FuzzResponse> {
    return this.send({
      method: 'GET',
      url,
      pathValues: {},
      query: [],
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      caller: 'fuzz',
    });
  }
}

/**
 * Percent-encodes text; a lone surrogate (no UTF-8 for it) goes as its WTF-8 bytes, which a server
 * must refuse or replace, never crash on.
 */
export function encode(text: string): string {
  let out = '';
  // for…of walks code points; a lone surrogate comes out alone.
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(c);
    }
  }
  return out;
}

/** `?a=1&b=2` from ordered pairs, each part percent-encoded. */
export function queryString(pairs: [string, string][]): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}
