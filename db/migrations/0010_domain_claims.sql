CREATE TABLE "domain_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"claimant_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"proven_by" text,
	"proof_method" text,
	"closed_reason" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "domain_claims_organisation_id_unique" UNIQUE("organisation_id")
);
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_primary_domain_unique";--> statement-breakpoint
ALTER TABLE "domain_claims" ADD CONSTRAINT "domain_claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_claims" ADD CONSTRAINT "domain_claims_claimant_id_users_id_fk" FOREIGN KEY ("claimant_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_claims" ADD CONSTRAINT "domain_claims_proven_by_users_id_fk" FOREIGN KEY ("proven_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_claims_domain_idx" ON "domain_claims" USING btree ("domain","status");--> statement-breakpoint
CREATE INDEX "domain_claims_claimant_idx" ON "domain_claims" USING btree ("claimant_id","status");--> statement-breakpoint
CREATE INDEX "organisations_primary_domain_idx" ON "organisations" USING btree ("primary_domain");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_registered_domain" ON "organisations" USING btree ("primary_domain") WHERE "organisations"."status" in ('verified', 'suspended', 'delisted');--> statement-breakpoint
-- Existing organisations become claims by the rule of lib/orgs/claims-rules.ts (migratedOwnership):
-- pending: an open claim of its first owner, with a fresh 30 days from this migration (the rule is
--   new, so nobody's claim expires the moment it ships);
-- rejected: a rejected claim (its domain is free again: the unique index above ignores it);
-- verified, suspended, delisted: a won claim whose winner is the user recorded in domain_proofs as
--   the successful prover (email or DNS), or for a moderator approval the first owner (the claimant
--   the moderator approved). The winner becomes or stays owner; every other owner or member whose
--   confirmed address is not at the domain (or a subdomain: the rule they joined under) leaves;
--   colleagues at the domain keep their role. If the prover is gone, the organisation keeps its
--   owners at the domain and loses the others, unless no owner is at the domain: then nothing
--   changes (no proof to go on, and an organisation is never left without an owner).
-- Every removal is audited (audit_log action ownership.migrated). Statements between the markers
-- are idempotent, and tests/integration/claims.test.ts runs them again on crafted data.
-- claims-migration:start
INSERT INTO "domain_claims" ("organisation_id", "domain", "claimant_id", "status", "expires_at", "created_at")
SELECT o."id", o."primary_domain",
  (SELECT m."user_id" FROM "memberships" m WHERE m."organisation_id" = o."id" AND m."role" = 'owner' ORDER BY m."created_at", m."user_id" LIMIT 1),
  'open', now() + interval '30 days', o."created_at"
FROM "organisations" o
WHERE o."status" = 'pending' AND NOT EXISTS (SELECT 1 FROM "domain_claims" c WHERE c."organisation_id" = o."id");
--> statement-breakpoint
INSERT INTO "domain_claims" ("organisation_id", "domain", "claimant_id", "status", "expires_at", "closed_reason", "closed_at", "created_at")
SELECT o."id", o."primary_domain",
  (SELECT m."user_id" FROM "memberships" m WHERE m."organisation_id" = o."id" AND m."role" = 'owner' ORDER BY m."created_at", m."user_id" LIMIT 1),
  'rejected', o."created_at" + interval '30 days', coalesce(o."status_reason", 'Rejected by a moderator.'), o."updated_at", o."created_at"
FROM "organisations" o
WHERE o."status" = 'rejected' AND NOT EXISTS (SELECT 1 FROM "domain_claims" c WHERE c."organisation_id" = o."id");
--> statement-breakpoint
INSERT INTO "domain_claims" ("organisation_id", "domain", "claimant_id", "status", "expires_at", "proven_by", "proof_method", "closed_at", "created_at")
SELECT o."id", o."primary_domain", w."winner", 'won', o."created_at" + interval '30 days', w."winner", o."verification_method", coalesce(o."verified_at", o."updated_at"), o."created_at"
FROM "organisations" o
CROSS JOIN LATERAL (
  SELECT CASE
    WHEN o."verification_method" = 'moderator' THEN
      (SELECT m."user_id" FROM "memberships" m WHERE m."organisation_id" = o."id" AND m."role" = 'owner' ORDER BY m."created_at", m."user_id" LIMIT 1)
    ELSE
      (SELECT p."actor_id" FROM "domain_proofs" p JOIN "users" u ON u."id" = p."actor_id"
       WHERE p."organisation_id" = o."id" AND p."outcome" = 'verified' ORDER BY p."created_at" DESC LIMIT 1)
  END AS "winner"
) w
WHERE o."status" IN ('verified', 'suspended', 'delisted') AND NOT EXISTS (SELECT 1 FROM "domain_claims" c WHERE c."organisation_id" = o."id");
--> statement-breakpoint
INSERT INTO "memberships" ("organisation_id", "user_id", "role", "created_at")
SELECT c."organisation_id", c."proven_by", 'owner', now()
FROM "domain_claims" c JOIN "organisations" o ON o."id" = c."organisation_id"
WHERE c."status" = 'won' AND c."proven_by" IS NOT NULL AND o."status" IN ('verified', 'suspended', 'delisted')
ON CONFLICT ("organisation_id", "user_id") DO UPDATE SET "role" = 'owner';
--> statement-breakpoint
CREATE TEMPORARY TABLE "claims_migration_leavers" AS
SELECT m."organisation_id", m."user_id", m."role"
FROM "memberships" m
JOIN "organisations" o ON o."id" = m."organisation_id"
JOIN "domain_claims" c ON c."organisation_id" = o."id" AND c."status" = 'won'
JOIN "users" u ON u."id" = m."user_id"
WHERE o."status" IN ('verified', 'suspended', 'delisted')
  AND m."user_id" IS DISTINCT FROM c."proven_by"
  AND NOT (u."email_verified" IS NOT NULL AND (split_part(lower(u."email"), '@', 2) = o."primary_domain" OR split_part(lower(u."email"), '@', 2) LIKE '%.' || o."primary_domain"))
  AND (c."proven_by" IS NOT NULL OR EXISTS (
    SELECT 1 FROM "memberships" k JOIN "users" ku ON ku."id" = k."user_id"
    WHERE k."organisation_id" = o."id" AND k."role" = 'owner' AND ku."email_verified" IS NOT NULL
      AND (split_part(lower(ku."email"), '@', 2) = o."primary_domain" OR split_part(lower(ku."email"), '@', 2) LIKE '%.' || o."primary_domain")));
--> statement-breakpoint
INSERT INTO "audit_log" ("actor_id", "action", "target_type", "target_id", "reason", "created_at")
SELECT NULL, 'ownership.migrated', 'organisation', l."organisation_id"::text,
  'Claims migration: a ' || l."role" || ' whose address is not at the domain left (user ' || l."user_id" || '); ownership follows proof.', now()
FROM "claims_migration_leavers" l;
--> statement-breakpoint
DELETE FROM "memberships" m USING "claims_migration_leavers" l WHERE m."organisation_id" = l."organisation_id" AND m."user_id" = l."user_id";
--> statement-breakpoint
DROP TABLE "claims_migration_leavers";
-- claims-migration:end
