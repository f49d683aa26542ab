/** A minimal Node client of the server's WebSocket protocol, for tests that speak raw frames. */
import WebSocket from 'ws';
import type { ApiArg, ApiMethod, ApiResult, ServerFrame } from '../../src/shared/api';
import { decodeMessage } from '../../src/shared/binaryMessage';

export class WsTestClient {
  readonly frames: ServerFrame[] = [];
  /** Whether each frame in `frames` came as a binary message (typed arrays inside). */
  readonly binary: boolean[] = [];
  private nextId = 1;
  private waiters: { pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d, isBinary) => {
      // The same decoder as the browser client: text frames are JSON, binary ones carry typed arrays.
      const f = decodeMessage(isBinary ? toBytes(d) : d.toString()) as ServerFrame;
      this.frames.push(f);
      this.binary.push(isBinary);
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<WsTestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new WsTestClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  next(pred: (f: ServerFrame) => boolean): Promise<ServerFrame> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  async raw(method: string, arg: unknown): Promise<ServerFrame> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ type: 'call', id, method, arg }));
    return this.next((f) => (f.type === 'result' || f.type === 'error') && f.id === id);
  }

  async call<K extends ApiMethod>(method: K, arg: ApiArg<K>): Promise<ApiResult<K>> {
    const f = await this.raw(method, arg);
    if (f.type === 'error') throw new Error(`${f.error.kind}: ${f.error.message}`);
    if (f.type !== 'result') throw new Error('unexpected frame');
    return f.result as ApiResult<K>;
  }

  close(): void {
    this.ws.close();
  }
}

function toBytes(d: WebSocket.RawData): Uint8Array {
  return Array.isArray(d) ? Buffer.concat(d) : d instanceof ArrayBuffer ? new Uint8Array(d) : d;
}
