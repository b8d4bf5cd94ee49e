-- Search in the directory is case- and accent-insensitive: unaccent folds accents, pg_trgm indexes substrings.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE TABLE "signatory_listings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"legal_name" text NOT NULL,
	"domain" text NOT NULL,
	"website" text,
	"country" text NOT NULL,
	"sector" text NOT NULL,
	"search_text" text NOT NULL,
	"sort_name" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"accord_version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_title" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signature_ledger_index" bigint,
	"first_signed_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_reason" text,
	"last_report_at" timestamp with time zone,
	"report_due_at" timestamp with time zone,
	"verification_method" text,
	"verified_at" timestamp with time zone,
	"commitment_count" integer DEFAULT 0 NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signatory_listings_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "signatory_listings" ADD CONSTRAINT "signatory_listings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signatory_listings_search_idx" ON "signatory_listings" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "signatory_listings_signed_idx" ON "signatory_listings" USING btree ("signed_at","slug");--> statement-breakpoint
CREATE INDEX "signatory_listings_name_idx" ON "signatory_listings" USING btree ("sort_name","slug");--> statement-breakpoint
CREATE INDEX "signatory_listings_status_idx" ON "signatory_listings" USING btree ("status","signed_at");--> statement-breakpoint
CREATE INDEX "signatory_listings_country_idx" ON "signatory_listings" USING btree ("country");--> statement-breakpoint
CREATE INDEX "signatory_listings_sector_idx" ON "signatory_listings" USING btree ("sector");--> statement-breakpoint
-- The listings are rebuilt per organisation from its signatures: find them without a scan.
CREATE INDEX "signatures_organisation_idx" ON "signatures" USING btree ("organisation_id","signed_at");
