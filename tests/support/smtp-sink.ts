/**
 * A real SMTP listener for tests (smtp-server, no mock of the mail library): accepts every mail
 * on a loopback port and keeps it, decoded enough to read its headers, subject and plain text.
 * STARTTLS and AUTH are off, as on a local relay, so nodemailer talks to it in the clear.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  raw: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= or ?B?) in a header; blanks between two of them vanish. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_match, encoding: string, text: string) =>
      (encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintable(text.replace(/_/g, ' '))).toString('utf8'),
    );
}

function quotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** A single-part text message as nodemailer writes one (7bit, quoted-printable or base64). */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable' ? quotedPrintable(body).toString('utf8') : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { to, headers, subject: headers.get('subject') ?? '', text: text.replace(/\r\n/g, '\n'), raw };
}

export interface SmtpSink {
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first mail (already received or to come) that `match` accepts. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface SinkOptions {
  /** Also write each mail there as JSON, for tests in other processes (Playwright's workers). */
  spoolDir?: string;
}

export async function startSmtpSink(port: number, host = '127.0.0.1', options: SinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters: { match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((rcpt) => rcpt.address));
        messages.push(mail);
        if (options.spoolDir) spool(options.spoolDir, messages.length, mail);
        for (const waiter of [...waiters]) {
          if (waiter.match(mail)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(mail);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port,
    messages,
    waitFor(match, timeoutMs = 30_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (mail: ReceivedMail) => (clearTimeout(timer), resolve(mail)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No matching mail within ${timeoutMs} ms; received: ${messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ') || 'none'}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Written whole under another name, then renamed: a reader never sees half a mail. */
function spool(dir: string, n: number, mail: ReceivedMail) {
  const name = `${String(n).padStart(6, '0')}.json`;
  fs.writeFileSync(path.join(dir, `.${name}`), JSON.stringify({ ...mail, headers: [...mail.headers] }));
  fs.renameSync(path.join(dir, `.${name}`), path.join(dir, name));
}

/** The mail a sink spooled to `dir`, in the order received. */
export function spooledMail(dir: string): ReceivedMail[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d+\.json$/.test(name))
    .sort()
    .map((name) => {
      const stored = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Omit<ReceivedMail, 'headers'> & { headers: [string, string][] };
      return { ...stored, headers: new Map(stored.headers) };
    });
}

/** The first spooled mail `match` accepts, waiting for it up to `timeoutMs`. */
export async function waitForSpooled(dir: string, match: (mail: ReceivedMail) => boolean, timeoutMs = 30_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = spooledMail(dir);
    const found = mail.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching mail within ${timeoutMs} ms; received: ${mail.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ') || 'none'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
