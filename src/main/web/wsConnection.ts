/**
 * One browser connection: JSON frames in, results, errors and subscribed events out
 * (as JSON text, or as one binary frame when they hold typed arrays: candle columns,
 * equity curves; see src/shared/binaryMessage.ts). Whatever arrives (not JSON, wrong
 * shape, unknown method, bad argument, too large), the reply is an error frame and the
 * server keeps running.
 */
import type { WebSocket, RawData } from 'ws';
import type { ApiEvents, ApiTopic, ClientFrame, ServerFrame } from '../../shared/api';
import { MAX_CLIENT_FRAME_BYTES, apiTopicNames } from '../../shared/api';
import { encodeMessage } from '../../shared/binaryMessage';
import { FramePool } from './framePool';
import { dispatch } from '../api/dispatch';
import type { ApiHandlers, CallContext } from '../api/handlerTypes';
import type { EventHub } from '../api/liveEvents';

const topics = new Set<string>(apiTopicNames);

export function attachConnection(ws: WebSocket, handlers: ApiHandlers, hub: EventHub): void {
  const subs = new Map<ApiTopic, () => void>();

  const frames = new FramePool();
  const send = (frame: ServerFrame): void => {
    if (ws.readyState !== ws.OPEN) return;
    let message: string | Uint8Array;
    try {
      message = encodeMessage(frame, (bytes) => frames.take(bytes));
    } catch (e) {
      // A result the codec cannot carry is a bug of its handler: the caller gets an error, not silence.
      const id = frame.type === 'event' ? null : frame.id;
      message = encodeMessage({ type: 'error', id, error: { kind: 'internal', message: `could not send the reply: ${e instanceof Error ? e.message : String(e)}` } } satisfies ServerFrame);
    }
    if (typeof message === 'string') {
      ws.send(message);
      return;
    }
    // The socket may hold the bytes until they are written: the buffer goes back to the pool then.
    const bytes = message;
    ws.send(bytes, () => frames.release(bytes));
  };
  const ctx: CallContext = {
    emit<T extends ApiTopic>(topic: T, payload: ApiEvents[T]) {
      send({ type: 'event', topic, payload });
    },
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    const size = byteLength(data);
    if (size > MAX_CLIENT_FRAME_BYTES) {
      send({ type: 'error', id: null, error: { kind: 'too-large', message: `message of ${size} bytes exceeds the ${MAX_CLIENT_FRAME_BYTES}-byte limit` } });
      return;
    }
    if (isBinary) {
      send({ type: 'error', id: null, error: { kind: 'bad-message', message: 'binary frames are not accepted' } });
      return;
    }
    const frame = parseFrame(data.toString());
    if (typeof frame === 'string') {
      send({ type: 'error', id: null, error: { kind: 'bad-message', message: frame } });
      return;
    }
    if (frame.type === 'sub' || frame.type === 'unsub') {
      if (!topics.has(frame.topic)) {
        send({ type: 'error', id: null, error: { kind: 'bad-message', message: `unknown topic ${JSON.stringify(frame.topic)}` } });
        return;
      }
      const topic = frame.topic as ApiTopic;
      if (frame.type === 'sub' && !subs.has(topic)) {
        subs.set(topic, hub.subscribe(topic, (t, payload) => send({ type: 'event', topic: t, payload })));
      } else if (frame.type === 'unsub') {
        subs.get(topic)?.();
        subs.delete(topic);
      }
      return;
    }
    void dispatch(handlers, frame.method, frame.arg, ctx).then((out) =>
      send(out.ok ? { type: 'result', id: frame.id, result: out.result } : { type: 'error', id: frame.id, error: out.error }),
    );
  });

  ws.on('close', () => {
    for (const off of subs.values()) off();
    subs.clear();
  });
  // A socket error (reset, oversize close) ends this connection only.
  ws.on('error', () => {});
}

/** Returns the frame, or a message saying what is wrong with it. */
export function parseFrame(text: string): ClientFrame | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'message is not valid JSON';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'message must be a JSON object';
  const o = v as Record<string, unknown>;
  if (o.type === 'call') {
    if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id)) return 'call needs an integer "id"';
    if (typeof o.method !== 'string') return 'call needs a string "method"';
    return { type: 'call', id: o.id, method: o.method, arg: o.arg };
  }
  if (o.type === 'sub' || o.type === 'unsub') {
    if (typeof o.topic !== 'string') return `${o.type} needs a string "topic"`;
    return { type: o.type, topic: o.topic };
  }
  return 'message "type" must be "call", "sub" or "unsub"';
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}
