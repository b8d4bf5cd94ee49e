import Link from "next/link";
import { notFound } from "next/navigation";
import { CodeBlock } from "@/components/code-block";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { encodeBase64 } from "@/lib/ledger/bytes";
import { describeEvent } from "@/lib/ledger/events";
import { getEntryWithProof } from "@/lib/ledger/io/read";
import { leafHash } from "@/lib/ledger/merkle";
import { pageMetadata } from "@/lib/metadata";
import { logNumberSchema } from "@/lib/validation/ledger";
import { ledgerEntryPath, ledgerPath, receiptPath } from "@/lib/paths";

type Props = { params: Promise<{ index: string }> };

async function loadEntry(raw: string) {
  const parsed = logNumberSchema.safeParse(raw);
  if (!parsed.success) notFound();
  try {
    return await getEntryWithProof(await getDb(), parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props) {
  const { index } = await params;
  return pageMetadata({
    title: `Ledger entry #${index}`,
    description: "A public ledger entry with its Merkle inclusion proof and signed checkpoint.",
    path: ledgerEntryPath(index),
  });
}

export default async function LedgerEntryPage({ params }: Props) {
  const entry = await loadEntry((await params).index);
  const bytes = Buffer.from(entry.entryBase64, "base64");
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={ledgerPath} className="hover:underline">
          Public ledger
        </Link>{" "}
        / Entry #{entry.index}
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Ledger entry #{entry.index}</h1>
      <p className="mt-3 text-lg">{describeEvent(entry.event)}</p>

      <section aria-labelledby="entry-heading" className="mt-8">
        <h2 id="entry-heading" className="section-heading">
          The entry, exactly as logged
        </h2>
        <p className="mt-2 text-sm text-muted">Canonical JSON ({bytes.length} bytes). Its leaf hash is SHA-256 of a zero byte followed by these bytes:</p>
        <div className="mt-3 space-y-3">
          <CodeBlock label="Entry">{bytes.toString("utf8")}</CodeBlock>
          <CodeBlock label="Leaf hash">{encodeBase64(leafHash(new Uint8Array(bytes)))}</CodeBlock>
        </div>
      </section>

      <section aria-labelledby="proof-heading" className="mt-10">
        <h2 id="proof-heading" className="section-heading">
          Inclusion proof
        </h2>
        <p className="mt-2 text-sm text-muted">
          {entry.proof.length} hashes proving entry {entry.index} is in the tree of {entry.treeSize} entries whose root the checkpoint below signs (RFC 9162).
          {entry.witnessed ? " Independent witnesses cosigned that checkpoint, so the receipt verifies offline against their keys too." : null}
        </p>
        {!entry.witnessed && entry.witnessedSize !== null ? (
          <p className="mt-2 text-sm" data-testid="receipt-not-witnessed">
            This entry is newer than the last checkpoint the witnesses cosigned (size {entry.witnessedSize}), so its receipt carries only the log&apos;s own
            signature for now. Fetch the receipt again in a little while for one with witness cosignatures.
          </p>
        ) : null}
        <div className="mt-3 space-y-3">
          <CodeBlock label="Inclusion proof">{entry.proof.length > 0 ? entry.proof.map(encodeBase64).join("\n") : "(empty: the tree has one entry)"}</CodeBlock>
          <CodeBlock label="Signed checkpoint">{entry.checkpoint}</CodeBlock>
        </div>
        <p className="mt-4">
          <a href={receiptPath(entry.index)} className="inline-block rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800" download>
            Download the receipt (.tlog-proof)
          </a>
        </p>
      </section>
    </div>
  );
}
