// The WITNESSES setting: which witnesses the log asks to cosign its checkpoints, and how many
// cosignatures (the quorum) make a checkpoint the one /ledger/checkpoint serves.
//
//   WITNESSES="quorum 2; <vkey> <url>; <vkey> <url>"
//
// Entries are separated by ';' or newlines. Each witness is its cosignature/v1 verifier key (whose
// name is the witness's name) and the URL prefix of its add-checkpoint endpoint. `none` turns off
// demo mode's built-in witness. Pure, so lib/env.ts can validate it at start-up.
import { parseWitnessVerifierKey } from "./cosignature";

export type ConfiguredWitness = { name: string; verifierKey: string; url: string };
export type WitnessSetting = { witnesses: ConfiguredWitness[]; quorum: number } | "none";

export function parseWitnessesSetting(value: string): WitnessSetting {
  const entries = value
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 1 && entries[0]!.toLowerCase() === "none") return "none";
  let quorum: number | undefined;
  const witnesses: ConfiguredWitness[] = [];
  for (const entry of entries) {
    const quorumMatch = /^quorum\s*[= ]\s*(\S+)$/i.exec(entry);
    if (quorumMatch) {
      if (quorum !== undefined) throw new Error("gives the quorum twice");
      const n = Number(quorumMatch[1]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`quorum must be a whole number of witnesses, at least 1 (got ${quorumMatch[1]})`);
      quorum = n;
      continue;
    }
    const parts = entry.split(/\s+/);
    if (parts.length !== 2) throw new Error(`each witness is "<verifier key> <url>" (got ${JSON.stringify(entry)}); separate witnesses with ';'`);
    const [keyText = "", urlText = ""] = parts;
    let key;
    try {
      key = parseWitnessVerifierKey(keyText);
    } catch (error) {
      throw new Error(`witness key ${JSON.stringify(keyText)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    let url: URL;
    try {
      url = new URL(urlText);
    } catch {
      throw new Error(`witness ${key.name}: ${JSON.stringify(urlText)} is not a URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw new Error(`witness ${key.name}: the URL must start with https:// (or http:// for a local test)`);
    if (url.username || url.password || url.search || url.hash)
      throw new Error(`witness ${key.name}: give the URL prefix only, without credentials, query or fragment`);
    if (witnesses.some((w) => w.name === key.name)) throw new Error(`witness ${key.name} is listed twice`);
    witnesses.push({ name: key.name, verifierKey: key.text, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` });
  }
  if (witnesses.length === 0) throw new Error('lists no witness: give "<verifier key> <url>" entries, or "none"');
  if (quorum === undefined) {
    if (witnesses.length > 1) throw new Error(`lists ${witnesses.length} witnesses but no quorum: add "quorum N" (how many must cosign a checkpoint)`);
    quorum = 1;
  }
  if (quorum > witnesses.length) throw new Error(`quorum ${quorum} is more than the ${witnesses.length} witness${witnesses.length === 1 ? "" : "es"} listed`);
  return { witnesses, quorum };
}
