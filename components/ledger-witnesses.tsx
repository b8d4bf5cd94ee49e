import { CodeBlock } from "@/components/code-block";
import { formatDate, formatTime } from "@/lib/format/date";
import type { WitnessStatus } from "@/lib/ledger/io/witnesses";

type Props = {
  quorum: number;
  witnesses: WitnessStatus[];
  witnessedSize: number | null;
  logSize: number;
  witnessedNote: string | null;
  site: string;
};

/** The ledger page's witness section: who cosigns the log, what each last cosigned, and the cosigned checkpoint. */
export function LedgerWitnesses({ quorum, witnesses, witnessedSize, logSize, witnessedNote, site }: Props) {
  return (
    <section aria-labelledby="witnesses-heading" className="mt-12">
      <h2 id="witnesses-heading" className="section-heading">
        Witnesses
      </h2>
      {witnesses.length === 0 ? (
        <p className="mt-3 max-w-3xl">
          No witnesses are configured, so <code>/ledger/checkpoint</code> serves the checkpoint the log signed itself. Independent witnesses (C2SP tlog-witness)
          would check that every checkpoint extends the last one they saw and cosign it, so showing different histories to different readers would need them to
          collude.
        </p>
      ) : (
        <>
          <p className="mt-3 max-w-3xl">
            Independent witnesses check that each new checkpoint is consistent with the last one they saw and cosign it (C2SP tlog-witness, tlog-cosignature).{" "}
            <code>/ledger/checkpoint</code> serves the latest checkpoint cosigned by at least <strong data-testid="witness-quorum">{quorum}</strong> of the{" "}
            {witnesses.length} witness{witnesses.length === 1 ? "" : "es"} below
            {witnessedSize === null ? (
              <> (none yet, so for now it serves the log&apos;s own latest checkpoint).</>
            ) : (
              <>
                : size <strong data-testid="witnessed-size">{witnessedSize}</strong>
                {witnessedSize < logSize ? ` (the log has ${logSize} entries; the rest are cosigned shortly)` : ""}.
              </>
            )}
          </p>
          <div className="mt-4 overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Witnesses with the size and time each last cosigned</caption>
              <thead>
                <tr className="border-b border-ink-200 dark:border-ink-700">
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Witness
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Last cosigned size
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Cosigned at
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {witnesses.map((w) => (
                  <tr key={w.verifierKey} className="border-b border-ink-100 align-top dark:border-ink-800" data-testid="witness-row">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      <span className="font-mono">{w.name}</span>
                      {w.demo ? (
                        <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                          demo witness, runs inside this server
                        </span>
                      ) : null}
                      <span className="mt-1 block break-all font-mono text-xs text-muted">{w.verifierKey}</span>
                      {w.url ? <span className="block break-all text-xs text-muted">{w.url}</span> : null}
                    </th>
                    <td className="py-2 pr-4">{w.lastCosignedSize ?? "never"}</td>
                    <td className="py-2 pr-4">
                      {w.lastCosignedAt ? `${formatDate(w.lastCosignedAt)}, ${formatTime(w.lastCosignedAt, { seconds: true })}` : "—"}
                    </td>
                    <td className="py-2">{w.lastError ? `Not answering: ${w.lastError}` : "OK"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {witnesses.some((w) => w.demo) ? (
            <p className="mt-3 text-sm text-muted">
              The demo witness only shows how witnessing works: it runs inside this registry, so it proves nothing. A real deployment lists independent
              witnesses in <code>WITNESSES</code> (docs/ledger.md).
            </p>
          ) : null}
          {witnessedNote ? (
            <div className="mt-4">
              <CodeBlock label="Witnessed checkpoint">{witnessedNote}</CodeBlock>
            </div>
          ) : null}
          <div className="mt-4">
            <CodeBlock label="Verify with a quorum of witnesses">{`npm run verify-ledger -- ${site} ${witnesses.map((w) => `--witness '${w.verifierKey}'`).join(" ")} --quorum ${quorum}`}</CodeBlock>
          </div>
        </>
      )}
    </section>
  );
}
