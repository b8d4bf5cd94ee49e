CREATE TABLE "transparency_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"period" text NOT NULL,
	"revision" integer NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"reason" text,
	"notified_min" integer NOT NULL,
	"notified_max" integer NOT NULL,
	"content_hash" text NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ledger_index" bigint,
	CONSTRAINT "transparency_reports_period_format" CHECK ("transparency_reports"."period" ~ '^[0-9]{4}-H[12]$'),
	CONSTRAINT "transparency_reports_notified_bounds" CHECK ("transparency_reports"."notified_min" >= 0 and "transparency_reports"."notified_max" >= "transparency_reports"."notified_min")
);
--> statement-breakpoint
CREATE TABLE "transparency_rows" (
	"report_id" uuid NOT NULL,
	"country" text NOT NULL,
	"instrument" text NOT NULL,
	"requests_min" integer NOT NULL,
	"requests_max" integer NOT NULL,
	"accounts_min" integer NOT NULL,
	"accounts_max" integer NOT NULL,
	"content_min" integer NOT NULL,
	"content_max" integer NOT NULL,
	"non_content_min" integer NOT NULL,
	"non_content_max" integer NOT NULL,
	"no_data_min" integer NOT NULL,
	"no_data_max" integer NOT NULL,
	"rejected_min" integer NOT NULL,
	"rejected_max" integer NOT NULL,
	"pending_min" integer NOT NULL,
	"pending_max" integer NOT NULL,
	"challenged_min" integer NOT NULL,
	"challenged_max" integer NOT NULL,
	CONSTRAINT "transparency_rows_report_id_country_instrument_pk" PRIMARY KEY("report_id","country","instrument"),
	CONSTRAINT "transparency_rows_country_iso" CHECK ("transparency_rows"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "transparency_rows_bounds" CHECK ("transparency_rows"."requests_min" >= 0 and "transparency_rows"."requests_max" >= "transparency_rows"."requests_min" and "transparency_rows"."accounts_min" >= 0 and "transparency_rows"."accounts_max" >= "transparency_rows"."accounts_min" and "transparency_rows"."content_min" >= 0 and "transparency_rows"."content_max" >= "transparency_rows"."content_min" and "transparency_rows"."non_content_min" >= 0 and "transparency_rows"."non_content_max" >= "transparency_rows"."non_content_min" and "transparency_rows"."no_data_min" >= 0 and "transparency_rows"."no_data_max" >= "transparency_rows"."no_data_min" and "transparency_rows"."rejected_min" >= 0 and "transparency_rows"."rejected_max" >= "transparency_rows"."rejected_min" and "transparency_rows"."pending_min" >= 0 and "transparency_rows"."pending_max" >= "transparency_rows"."pending_min" and "transparency_rows"."challenged_min" >= 0 and "transparency_rows"."challenged_max" >= "transparency_rows"."challenged_min")
);
--> statement-breakpoint
ALTER TABLE "transparency_reports" ADD CONSTRAINT "transparency_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transparency_reports" ADD CONSTRAINT "transparency_reports_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transparency_rows" ADD CONSTRAINT "transparency_rows_report_id_transparency_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."transparency_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "transparency_reports_org_period_revision" ON "transparency_reports" USING btree ("organisation_id","period","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "transparency_reports_current" ON "transparency_reports" USING btree ("organisation_id","period") WHERE "transparency_reports"."current";--> statement-breakpoint
CREATE INDEX "transparency_reports_period_idx" ON "transparency_reports" USING btree ("period") WHERE "transparency_reports"."current";--> statement-breakpoint
CREATE INDEX "transparency_rows_country_idx" ON "transparency_rows" USING btree ("country");