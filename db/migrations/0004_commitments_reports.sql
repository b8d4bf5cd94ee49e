CREATE TABLE "commitment_revisions" (
	"commitment_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"target_date" text,
	"evidence_links" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"author_id" text,
	"ledger_index" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_revisions_commitment_id_revision_pk" PRIMARY KEY("commitment_id","revision")
);
--> statement-breakpoint
CREATE TABLE "progress_report_items" (
	"report_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "progress_report_items_report_id_commitment_id_pk" PRIMARY KEY("report_id","commitment_id")
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"narrative" text NOT NULL,
	"content_hash" text NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ledger_index" bigint
);
--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "content_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "ledger_index" bigint;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "withdrawn_by" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "withdrawal_ledger_index" bigint;--> statement-breakpoint
ALTER TABLE "commitment_revisions" ADD CONSTRAINT "commitment_revisions_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_revisions" ADD CONSTRAINT "commitment_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_items" ADD CONSTRAINT "progress_report_items_report_id_progress_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_items" ADD CONSTRAINT "progress_report_items_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reports_org_year" ON "progress_reports" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "progress_reports_published_idx" ON "progress_reports" USING btree ("published_at");--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;