import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { exceedsDepth } from '../protocol/json-depth.ts';
import { HOP_BY_HOP_HEADERS, type RawHandler } from '../protocol/server.ts';
import { writtenTables, type WrittenTables } from './written-tables.ts';

export interface DynamoDbRawProxyOptions {
  /** DynamoDB Local's endpoint, `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** Called once DynamoDB Local answered a write 200, with the tables it wrote. */
  onWrite: (tables: WrittenTables) => void;
}

const TARGET = /^(DynamoDB_20120810|DynamoDBStreams_20120810)\.(\w+)$/;
/**
 * DynamoDB's largest requests (BatchWriteItem, TransactWriteItems) are 16 MB; DynamoDB Local checks
 * items (400 KB). It answers 500 to a document nested past DynamoDB's 32 levels, which take about
 * 70 levels of JSON: deeper requests get DynamoDB's own ValidationException here and on the HTTP/2 route.
 */
export const DYNAMODB_MAX_REQUEST_BYTES = 16 * 1_048_576;
export const DYNAMODB_MAX_DEPTH = 100;

/**
 * DynamoDB (and Streams) requests on the main port's HTTP/1.1 connections, forwarded to DynamoDB
 * Local by plain `node:http` with kept-alive connections, the answer piped back: every `.env`
 * client's DynamoDB call passes here (functions reach DynamoDB Local directly), so it stays off the
 * Hono/fetch path. HTTP/2 connections still take the Hono route (server.ts), which answers the same.
 */
export function dynamoDbRawProxy(options: DynamoDbRawProxyOptions): RawHandler & { close(): void } {
  const backend = new URL(options.endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    close: () => agent.destroy(),
    handles: (req) => req.method === 'POST' && TARGET.test(String(req.headers['x-amz-target'] ?? '')),
    handle(req, res) {
      const [, service, operation] = TARGET.exec(String(req.headers['x-amz-target']))!;
      const chunks: Buffer[] = [];
      let size = 0;
      let refused = false;
      // Refused while it streams in: the rest is never held, and the connection closes after the answer.
      const refuse = () => {
        refused = true;
        chunks.length = 0;
        answerError(res, 413, 'RequestEntityTooLarge', `Request bodies are limited to ${DYNAMODB_MAX_REQUEST_BYTES} bytes.`, true);
      };
      if (Number(req.headers['content-length'] ?? 0) > DYNAMODB_MAX_REQUEST_BYTES) refuse();
      req.on('data', (chunk: Buffer) => {
        if (refused) return;
        size += chunk.length;
        if (size > DYNAMODB_MAX_REQUEST_BYTES) refuse();
        else chunks.push(chunk);
      });
      req.on('error', () => res.destroy());
      req.on('end', () => {
        if (refused) return;
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        if (exceedsDepth(text, DYNAMODB_MAX_DEPTH)) return answerError(res, 400, 'ValidationException', 'Nesting Levels have exceeded supported limits');
        const headers: Record<string, string | string[] | undefined> = { ...req.headers, 'content-length': String(body.length) };
        delete headers.host;
        for (const name of HOP_BY_HOP_HEADERS) delete headers[name];
        const upstream = request({ host: backend.hostname, port: backend.port, path: '/', method: 'POST', headers, agent }, (answer) => {
          if (answer.statusCode === 200 && service === 'DynamoDB_20120810') options.onWrite(writtenTables(operation!, text));
          pipeAnswer(answer, res);
        });
        upstream.on('error', (error) => answerError(res, 500, 'InternalFailure', `The backend did not answer: ${error.message}`));
        upstream.end(body);
      });
    },
  };
}

function pipeAnswer(answer: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string | string[] | undefined> = { ...answer.headers };
  for (const name of HOP_BY_HOP_HEADERS) delete headers[name];
  res.writeHead(answer.statusCode ?? 500, headers);
  answer.pipe(res);
  answer.on('error', () => res.destroy());
}

function answerError(res: ServerResponse, status: number, code: string, message: string, close = false): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${code}`, message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': code,
    'content-length': Buffer.byteLength(body),
    ...(close && { connection: 'close' }),
  });
  res.end(body);
}
