// What an operator needs from the production server (scripts/server.mjs), around the front door
// (front-door.mjs). Plain node, no Next, tested with real node:http requests.
//   1. A request id: X-Request-Id is kept when the client (or the reverse proxy) sent a sane one,
//      otherwise a new one is assigned; Next sees it, and the response carries it back.
//   2. One JSON line per request in production (time, id, method, path, status, duration), and
//      every console line as JSON too, carrying the id of the request it was written for.
//   3. The bench floors (/bench/*) answer 404 unless the bench started this server.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { format } from "node:util";

/** A request id we keep as given: short, printable, no spaces or quotes (it lands in logs). */
const REQUEST_ID = /^[A-Za-z0-9._:@+=/-]{8,128}$/;

/** The id for a request: the one it carries when sane, else a fresh UUID. */
export function requestIdFor(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === "string" && REQUEST_ID.test(value) ? value : randomUUID();
}

/** The request being served, for log lines written while serving it. */
export const requestContext = new AsyncLocalStorage();

/**
 * Whether a request target is one of the bench floors (app/bench/*), as Next would route it:
 * escapes decoded and dot segments resolved, so no spelling of the path slips past.
 */
export function isBenchPath(url) {
  let path = (url ?? "/").split("?", 1)[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed escapes are refused elsewhere (front-door.mjs); judge the raw path.
  }
  if (/\/\.|\\/.test(path)) {
    try {
      path = new URL(path.replace(/\\/g, "/"), "http://front.invalid").pathname;
    } catch {
      // Keep the path as it is.
    }
  }
  return /^\/+bench(\/|$)/.test(path);
}

const NOT_FOUND = "Not found.\n";

/**
 * Wraps the front door. Options:
 *   log    a function receiving one object per finished request (production: a JSON line), or null
 *   bench  true when the bench started this server: the /bench/* floors are served
 */
export function withOperations(handle, { log = null, bench = false } = {}) {
  return function operations(req, res) {
    const id = requestIdFor(req.headers["x-request-id"]);
    req.headers["x-request-id"] = id;
    res.setHeader("X-Request-Id", id);
    if (log) {
      const started = process.hrtime.bigint();
      const path = (req.url ?? "/").split("?", 1)[0];
      // The query string is left out: sign-in links carry their token there.
      res.once("close", () => {
        const entry = {
          time: new Date().toISOString(),
          level: "info",
          msg: "request",
          id,
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        };
        if (!res.writableFinished) entry.aborted = true;
        log(entry);
      });
    }
    if (!bench && isBenchPath(req.url)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(NOT_FOUND) });
      return res.end(NOT_FOUND);
    }
    return log ? requestContext.run({ id }, () => handle(req, res)) : handle(req, res);
  };
}

/** One JSON log line: what `log` receives in production. */
export function writeJsonLine(entry, stream = process.stdout) {
  stream.write(`${JSON.stringify(entry)}\n`);
}

/**
 * Production logs: every console line (ours, Next's, the app's) becomes one JSON object with time,
 * level and message, plus the id of the request being served when there is one. Demo mode keeps
 * the readable lines.
 */
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;

export function installJsonConsole(target = console, streams = { out: process.stdout, err: process.stderr }) {
  const levels = { debug: "out", info: "out", log: "out", warn: "err", error: "err" };
  for (const [method, stream] of Object.entries(levels)) {
    target[method] = (...args) => {
      // Colour codes (Auth.js colours its errors) are noise in a log collector.
      const entry = { time: new Date().toISOString(), level: method === "log" ? "info" : method, msg: format(...args).replace(ANSI_COLOUR, "") };
      const request = requestContext.getStore();
      if (request) entry.id = request.id;
      writeJsonLine(entry, streams[stream]);
    };
  }
}
