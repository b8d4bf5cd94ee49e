/**
 * A byte stream of `header` followed by every batch of `batches`, pulled one batch at a time: the
 * next batch is read only once the client has taken the previous one, so memory stays flat however
 * large the data grows. `first` is the first batch, already read by the caller (so that a failure
 * there can still become a proper error response instead of a 200 with a truncated body).
 *
 * A client that goes away mid-download cancels the stream, possibly while a batch is being read:
 * that batch is then dropped quietly (enqueuing it would throw on the closed stream) and the
 * source is told to stop.
 */
export function batchStream<T>(
  header: Uint8Array,
  first: IteratorResult<T>,
  batches: AsyncIterator<T>,
  encode: (batch: T) => Uint8Array,
): ReadableStream<Uint8Array> {
  let pending: IteratorResult<T> | null = first;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(header);
    },
    async pull(controller) {
      try {
        const result = pending ?? (await batches.next());
        pending = null;
        if (cancelled) return;
        if (result.done) controller.close();
        else controller.enqueue(encode(result.value));
      } catch (error) {
        if (cancelled) return;
        console.error(error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await batches.return?.(undefined);
    },
  });
}
