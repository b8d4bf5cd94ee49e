import "server-only";
import { getShippedPreamble, getShippedPrinciples } from "./content";
import { type AccordSnapshot, accordSnapshotOf } from "./snapshot";

export { type AccordSnapshot, accordSnapshotOf, accordSnapshotSchema, hashAccordSnapshot, parseAccordSnapshot } from "./snapshot";

/** The snapshot of the text shipped in content/ (version 1 on a first start). */
export async function getShippedAccordSnapshot(): Promise<AccordSnapshot> {
  const [preamble, principles] = await Promise.all([getShippedPreamble(), getShippedPrinciples()]);
  return accordSnapshotOf(preamble, principles);
}
