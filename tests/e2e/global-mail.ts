/**
 * Playwright's global setup: one real SMTP listener (smtp-server) for the whole browser run, on
 * the port the portal under test mails to (playwright.config.ts), so every mail the portal sends
 * is delivered: invitations, reminders, residents' alerts. It spools each mail to a folder whose
 * path is in E2E_MAIL_DIR, where the tests (in other processes) read them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink } from '../support/smtp-sink';

export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oversight-e2e-mail-'));
  process.env.E2E_MAIL_DIR = dir;
  const sink = await startSmtpSink(Number(process.env.E2E_SMTP_PORT ?? 3197), '127.0.0.1', { spoolDir: dir });
  return async () => {
    await sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
