import { afterEach, describe, expect, it, vi } from "vitest";
import { batchStream } from "@/lib/open-data/batch-stream";

const encoder = new TextEncoder();
const encode = (batch: string[]) => encoder.encode(batch.join(""));

/** A source whose batches are handed out only when the test says so, and which records being stopped. */
function controlledSource() {
  const waiting: { resolve: (r: IteratorResult<string[]>) => void; reject: (e: unknown) => void }[] = [];
  const source = {
    stopped: false,
    next: vi.fn(() => new Promise<IteratorResult<string[]>>((resolve, reject) => waiting.push({ resolve, reject }))),
    return: vi.fn(async () => {
      source.stopped = true;
      return { done: true as const, value: undefined };
    }),
    /** Settles the oldest read the stream is waiting on. */
    give(result: IteratorResult<string[]> | Error) {
      const read = waiting.shift();
      if (!read) throw new Error("the stream is not waiting for a batch");
      if (result instanceof Error) read.reject(result);
      else read.resolve(result);
    },
    get reads() {
      return waiting.length;
    },
  };
  return source;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

afterEach(() => vi.restoreAllMocks());

describe("batchStream", () => {
  it("sends the header, the first batch and then each further batch, and ends when the source does", async () => {
    const source = controlledSource();
    const text = readAll(batchStream(encoder.encode("h\n"), { done: false, value: ["a\n"] }, source, encode));
    await vi.waitFor(() => expect(source.reads).toBe(1));
    source.give({ done: false, value: ["b\n", "c\n"] });
    await vi.waitFor(() => expect(source.reads).toBe(1));
    source.give({ done: true, value: undefined });
    expect(await text).toBe("h\na\nb\nc\n");
  });

  it("drops a batch quietly when the client leaves while it is being read, and stops the source", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const source = controlledSource();
    const reader = batchStream(encoder.encode("h\n"), { done: false, value: ["a\n"] }, source, encode).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("h\n");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("a\n");
    const next = reader.read();
    await vi.waitFor(() => expect(source.reads).toBe(1));
    await reader.cancel();
    expect(source.stopped).toBe(true);
    source.give({ done: false, value: ["late\n"] });
    expect(await next).toEqual({ done: true, value: undefined });
    await vi.waitFor(() => expect(source.reads).toBe(0));
    // Enqueuing the late batch on the closed stream would throw; nothing is logged as an error.
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).not.toHaveBeenCalled();
  });

  it("errors the stream, and logs once, when a later batch cannot be read", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const source = controlledSource();
    const text = readAll(batchStream(encoder.encode("h\n"), { done: false, value: ["a\n"] }, source, encode));
    await vi.waitFor(() => expect(source.reads).toBe(1));
    source.give(new Error("the database went away"));
    await expect(text).rejects.toThrow("the database went away");
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
