/**
 * COPY through `pg` without pg-copy-streams: a minimal "submittable" that speaks the COPY
 * sub-protocol (the interface pg's Client calls on its active query, as pg-copy-streams does).
 * COPY … FROM STDIN bulk-loads the bench database; COPY … TO STDOUT is the baseline the CSV
 * export is compared with.
 */
import type pg from 'pg';

interface Connection {
  query: (text: string) => void;
  sendCopyFromChunk: (chunk: Buffer) => void;
  endCopyFrom: () => void;
  stream: { write: (chunk: Buffer, cb?: () => void) => boolean; once: (event: string, cb: () => void) => void; writableNeedDrain?: boolean };
}

type Done = (error: Error | null, value?: number) => void;

/** Base: what pg's Client requires of a query object. */
abstract class CopyQuery {
  protected error: Error | null = null;
  protected connection: Connection | null = null;
  constructor(private readonly text: string, private readonly done: Done) {}
  submit(connection: Connection) {
    this.connection = connection;
    connection.query(this.text);
  }
  handleError(error: Error) {
    this.error = error;
  }
  handleReadyForQuery() {
    this.done(this.error, this.result());
  }
  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse(_connection: Connection) {}
  handleCopyData(_message: { chunk: Buffer }) {}
  protected abstract result(): number;
}

class CopyIn extends CopyQuery {
  private rows = 0;
  constructor(text: string, private readonly chunks: AsyncIterable<string> | Iterable<string>, done: Done) {
    super(text, done);
  }
  override handleCopyInResponse(connection: Connection) {
    void this.pump(connection);
  }
  private async pump(connection: Connection) {
    try {
      for await (const chunk of this.chunks) {
        if (this.error) break;
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        this.rows++;
        // Back-pressure: wait for the socket when its buffer is full.
        if (connection.stream.writableNeedDrain) await new Promise<void>((resolve) => connection.stream.once('drain', resolve));
      }
      connection.endCopyFrom();
    } catch (error) {
      this.error = error as Error;
      (connection as unknown as { sendCopyFail: (message: string) => void }).sendCopyFail(String(error));
    }
  }
  protected result() {
    return this.rows;
  }
}

class CopyOut extends CopyQuery {
  bytes = 0;
  constructor(text: string, private readonly onData: ((chunk: Buffer) => void) | null, done: Done) {
    super(text, done);
  }
  override handleCopyData(message: { chunk: Buffer }) {
    this.bytes += message.chunk.length;
    this.onData?.(message.chunk);
  }
  protected result() {
    return this.bytes;
  }
}

/** Streams text chunks (each any number of whole lines) into `COPY … FROM STDIN`. */
export function copyFrom(client: pg.Client, sql: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(sql, chunks, (error, value) => (error ? reject(error) : resolve(value ?? 0))) as never);
  });
}

/** Runs `COPY … TO STDOUT`, handing each chunk to onData; resolves with the bytes received. */
export function copyTo(client: pg.Client, sql: string, onData: ((chunk: Buffer) => void) | null = null): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyOut(sql, onData, (error, value) => (error ? reject(error) : resolve(value ?? 0))) as never);
  });
}

/** A value for COPY's text format: \N for null, backslash, tab and newlines escaped. */
export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

export const copyRow = (values: (string | number | boolean | null)[]) => `${values.map(copyValue).join('\t')}\n`;
