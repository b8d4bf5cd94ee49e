/** What a notice is about: notify.ts queues it, templates.ts words it (its own module, so neither imports the other's). */
export type NoticeKind =
  | "organisation.verified"
  | "accord.signed"
  | "accord.reaffirmed"
  | "signature.withdrawn"
  | "organisation.suspended"
  | "organisation.delisted"
  | "organisation.reinstated"
  | "ownership.changed"
  | "membership.requested"
  | "membership.changed"
  | "claim.closed"
  | "accord.reaffirm_requested"
  | "concern.admitted"
  | "concern.resolved";
