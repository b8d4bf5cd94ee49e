CREATE TABLE "moderator_digests" (
	"day" text PRIMARY KEY NOT NULL,
	"waiting" integer NOT NULL,
	"recipients" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_report_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"reason" text NOT NULL,
	"narrative" text NOT NULL,
	"items" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"corrected_by" text,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ledger_index" bigint,
	CONSTRAINT "progress_report_corrections_revision" CHECK ("progress_report_corrections"."revision" >= 2)
);
--> statement-breakpoint
CREATE TABLE "progress_report_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_reminders" (
	"organisation_id" uuid NOT NULL,
	"due_on" text NOT NULL,
	"kind" text NOT NULL,
	"skipped" boolean DEFAULT false NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_reminders_organisation_id_due_on_kind_pk" PRIMARY KEY("organisation_id","due_on","kind")
);
--> statement-breakpoint
ALTER TABLE "progress_report_corrections" ADD CONSTRAINT "progress_report_corrections_report_id_progress_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_corrections" ADD CONSTRAINT "progress_report_corrections_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_drafts" ADD CONSTRAINT "progress_report_drafts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_drafts" ADD CONSTRAINT "progress_report_drafts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reminders" ADD CONSTRAINT "report_reminders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_report_corrections_report_revision" ON "progress_report_corrections" USING btree ("report_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_report_drafts_org_year" ON "progress_report_drafts" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "organisations_status_created_idx" ON "organisations" USING btree ("status","created_at","id");