// Progress on stderr while a large log is verified.

// Below this, a run takes about a second and progress would only be noise.
const PROGRESS_MIN_ENTRIES = 10_000;
const TTY_REFRESH_MS = 100;

/** Progress on stderr for large logs: a live line on a terminal, otherwise a line every ~10%. */
export function progressReporter(quiet: boolean): { update(done: number, total: number): void; finish(): void } {
  const stream = process.stderr;
  let lastDraw = 0;
  let nextTenth = 1;
  let drawn = false;
  const line = (done: number, total: number) => `verifying ${done}/${total} entries (${Math.floor((100 * done) / total)}%)`;
  return {
    update(done, total) {
      if (quiet || total < PROGRESS_MIN_ENTRIES) return;
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < TTY_REFRESH_MS && done < total) return;
        lastDraw = now;
        drawn = true;
        stream.write(`\r${line(done, total)}\x1b[K`);
        return;
      }
      if (done * 10 < nextTenth * total) return;
      while (done * 10 >= nextTenth * total) nextTenth++;
      stream.write(`${line(done, total)}\n`);
    },
    finish() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}
