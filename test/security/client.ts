/**
 * A browser-like client over app.inject for the injection tests: keeps cookies, times each request, and sends
 * forms as pairs (repeated names kept), multipart bodies or JSON. Each request comes from its own loopback
 * address, so the per-address rate limits of sign-in and the one-time-link forms do not turn attempts into 429s.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

export interface Answer {
  method: string;
  url: string;
  status: number;
  location: string | undefined;
  contentType: string;
  body: string;
  ms: number;
}

export interface MultipartPart {
  name: string;
  value: string;
  file?: { filename: string; contentType: string; bytes: Buffer };
}

let address = 0;
/** 127.1.0.1, 127.1.0.2, ...: a fresh address per request, all on loopback. */
function nextAddress(): string {
  address += 1;
  return `127.1.${(address >> 8) & 255}.${address & 255}`;
}

const BOUNDARY = '----homeward-security-boundary-5c2e';

function multipart(parts: MultipartPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.filename.replace(/"/g, '%22')}"\r\nContent-Type: ${p.file.contentType}\r\n\r\n`), p.file.bytes, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export class Client {
  private cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance, private readonly headers: Record<string, string> = {}) {}

  /** Takes over a signed-in session (a Cookie header, as test/support's Agent keeps it). */
  adopt(cookieHeader: string): void {
    for (const pair of cookieHeader.split('; ').filter(Boolean)) {
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: 'GET' | 'POST', url: string, body?: { form?: [string, string][]; parts?: MultipartPart[]; json?: unknown }): Promise<Answer> {
    const headers: Record<string, string> = { ...this.headers, cookie: this.cookieHeader() };
    let payload: string | Buffer | undefined;
    if (body?.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    } else if (body?.parts) {
      headers['content-type'] = `multipart/form-data; boundary=${BOUNDARY}`;
      payload = multipart(body.parts);
    } else if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    }
    const start = performance.now();
    const res = await this.app.inject({ method, url, headers, remoteAddress: nextAddress(), ...(payload === undefined ? {} : { payload }) });
    const ms = performance.now() - start;
    for (const c of res.cookies) this.cookies.set(c.name, c.value);
    const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
    return { method, url, status: res.statusCode, location, contentType: String(res.headers['content-type'] ?? ''), body: res.body, ms };
  }

  get(url: string): Promise<Answer> {
    return this.request('GET', url);
  }
}
