import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";

/*
 * signatory_listings is derived data: one row per organisation that has signed and is verified or
 * suspended. Every domain function that changes what a row shows calls refreshSignatoryListing in
 * its own transaction, so the row is never out of step with the source tables it is built from.
 */

const LISTABLE = sql`o.status in ('verified', 'suspended') and exists (select 1 from signatures s where s.organisation_id = o.id)`;

function listingInsert(where: SQL) {
  return sql`
    insert into signatory_listings (
      organisation_id, slug, name, legal_name, domain, website, country, sector, search_text, sort_name,
      status, status_reason, accord_version, content_hash, signer_name, signer_title, signed_at,
      signature_ledger_index, first_signed_at, withdrawn_at, withdrawal_reason, last_report_at, report_due_at,
      verification_method, verified_at, commitment_count, report_count, is_demo, updated_at
    )
    select
      o.id, o.slug, o.display_name, o.legal_name, o.primary_domain, o.website, o.country, o.sector,
      lower(unaccent(o.display_name || ' ' || o.legal_name || ' ' || o.primary_domain)),
      lower(unaccent(o.display_name)),
      case when o.status = 'suspended' then 'suspended' when cur.withdrawn_at is null then 'active' else 'withdrawn' end,
      case when o.status = 'suspended' then o.status_reason end,
      cur.accord_version, cur.content_hash, cur.signer_name, cur.signer_title, cur.signed_at,
      cur.ledger_index, coalesce(standing.first_at, cur.signed_at), cur.withdrawn_at, cur.withdrawal_reason,
      rep.last_at,
      case when o.status = 'verified' and standing.first_at is not null
        then greatest(standing.first_at, coalesce(rep.last_at, standing.first_at)) + interval '1 year' end,
      o.verification_method, o.verified_at,
      (select count(*) from commitments c where c.organisation_id = o.id),
      rep.n, o.is_demo, now()
    from organisations o
    join lateral (
      select * from signatures s where s.organisation_id = o.id
      order by (s.withdrawn_at is null) desc, s.accord_version desc, s.signed_at desc limit 1
    ) cur on true
    left join lateral (
      select min(s.signed_at) as first_at from signatures s where s.organisation_id = o.id and s.withdrawn_at is null
    ) standing on true
    left join lateral (
      select max(r.published_at) as last_at, count(*)::int as n from progress_reports r where r.organisation_id = o.id
    ) rep on true
    where ${LISTABLE} and ${where}`;
}

/** Rebuilds one organisation's row (or removes it when the organisation is not listed). */
export async function refreshSignatoryListing(tx: DbOrTx, organisationId: string): Promise<void> {
  await tx.execute(sql`delete from signatory_listings where organisation_id = ${organisationId}`);
  await tx.execute(listingInsert(sql`o.id = ${organisationId}`));
}

/** Rebuilds every row: after a bulk load, and once for databases created before the table existed. */
export async function rebuildSignatoryListings(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`delete from signatory_listings`);
  await tx.execute(listingInsert(sql`true`));
}

/** True when some organisation has signed but the directory has no rows: the table needs a first build. */
export async function listingsNeedBuilding(tx: DbOrTx): Promise<boolean> {
  const result = await tx.execute<{ missing: boolean }>(
    sql`select (exists (select 1 from signatures) and not exists (select 1 from signatory_listings)) as missing`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: { missing: boolean }[] }).rows) as { missing: boolean }[];
  return rows[0]?.missing === true;
}
