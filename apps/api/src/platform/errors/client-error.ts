import type { Socket } from 'node:net';
import { ERRORS, errorMessage, type ErrorCode } from '@gongzhi/contracts';

/** Node's parser errors with their own HTTP status; everything else it refuses is a bad request. */
const BY_NODE_CODE: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
};

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser cannot read (raw non-ASCII bytes in the
 * URL, a header too large, a timeout) never reaches a route, so it is answered here, in the API's
 * error format (in both languages: the headers were not read), and the connection is closed for good —
 * a client that keeps its side open must not hold the socket.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return void socket.destroy();
  // Half a response already went out on this connection (keep-alive): adding ours would garble it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (!socket.writable || inFlight) return void socket.destroy(err);
  const code = BY_NODE_CODE[err.code ?? ''] ?? 'BAD_REQUEST';
  const status = ERRORS[code].status;
  const body = JSON.stringify({ error: { code, message: `${errorMessage(code, 'zh-CN')} / ${errorMessage(code, 'en')}`, details: { reason: err.code ?? 'CLIENT_ERROR' } } });
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`, () => socket.destroy());
}
