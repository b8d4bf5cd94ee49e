import "server-only";
import { randomUUID } from "node:crypto";
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { getEnv } from "@/lib/env";

/**
 * The demo-mode dev outbox: without SMTP_URL a demo registry keeps the mail it would have sent in
 * `<DATA_DIR>/dev-outbox.jsonl` (one JSON message per line) for /dev/outbox to show. Production has
 * no outbox: mail that cannot be delivered must fail loudly, never pile up in a file.
 */

export const OUTBOX_FILE_NAME = "dev-outbox.jsonl";
/** Enough history for a demo; bounded so a long-running demo never fills the disk. */
export const OUTBOX_MAX_MESSAGES = 200;

const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  sentAt: z.string(),
});

export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export type OutboxInput = Pick<OutboxMessage, "to" | "subject" | "text" | "html">;

function outboxPath(): string {
  const env = getEnv();
  if (env.mode === "production") {
    throw new Error("The dev outbox exists in demo mode only; in production email is sent over SMTP_URL");
  }
  return path.resolve(env.dataDir, OUTBOX_FILE_NAME);
}

async function readIfExists(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

const nonEmptyLines = (content: string) => content.split("\n").filter((line) => line.trim() !== "");

// Appends from one process are serialised so that the read-count-rewrite step of one append never
// races another append and drops its message. (The outbox belongs to one demo server process.)
let queue: Promise<unknown> = Promise.resolve();

function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

async function writeMessage(file: string, line: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const content = await readIfExists(file);
  const lines = nonEmptyLines(content);
  if (lines.length + 1 > OUTBOX_MAX_MESSAGES) {
    // Rewrite through a temporary file and rename, so a reader never sees a half-written outbox.
    const kept = [...lines, line].slice(-OUTBOX_MAX_MESSAGES);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${kept.join("\n")}\n`, "utf8");
    await rename(temporary, file);
    return;
  }
  // A previous line cut short (a crash mid-write, a hand edit) must not swallow this message.
  const separator = content !== "" && !content.endsWith("\n") ? "\n" : "";
  await appendFile(file, `${separator}${line}\n`, "utf8");
}

/** Keeps one message in the dev outbox. Throws in production mode. */
export async function appendToOutbox(message: OutboxInput): Promise<OutboxMessage> {
  const file = outboxPath();
  const stored: OutboxMessage = {
    id: randomUUID(),
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    sentAt: new Date().toISOString(),
  };
  await serialised(() => writeMessage(file, JSON.stringify(stored)));
  return stored;
}

function parseLine(line: string): OutboxMessage | undefined {
  try {
    const parsed = outboxMessageSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The newest `limit` messages, newest first. Lines that are not valid messages are skipped. Throws in production mode. */
export async function readOutbox(limit = 50): Promise<OutboxMessage[]> {
  const file = outboxPath();
  if (!(limit > 0)) return [];
  const messages: OutboxMessage[] = [];
  const lines = nonEmptyLines(await readIfExists(file));
  for (let i = lines.length - 1; i >= 0 && messages.length < limit; i--) {
    const message = parseLine(lines[i] ?? "");
    if (message) messages.push(message);
  }
  return messages;
}
