CREATE TABLE "concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"principle_slug" text NOT NULL,
	"submitter_id" text,
	"statement" text NOT NULL,
	"evidence_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"public_statement" text,
	"public_evidence_links" jsonb,
	"content_hash" text,
	"decline_reason" text,
	"moderator_id" text,
	"admitted_at" timestamp with time zone,
	"admission_ledger_index" bigint,
	"response" text,
	"response_hash" text,
	"responded_by" text,
	"responded_at" timestamp with time zone,
	"response_ledger_index" bigint,
	"outcome_reason" text,
	"resolved_at" timestamp with time zone,
	"resolution_ledger_index" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_submitter_id_users_id_fk" FOREIGN KEY ("submitter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_moderator_id_users_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concerns_status_idx" ON "concerns" USING btree ("status","admitted_at");--> statement-breakpoint
CREATE INDEX "concerns_organisation_idx" ON "concerns" USING btree ("organisation_id","admitted_at");--> statement-breakpoint
CREATE INDEX "concerns_submitter_idx" ON "concerns" USING btree ("submitter_id","created_at");--> statement-breakpoint
CREATE INDEX "concerns_queue_idx" ON "concerns" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "commitments_search_idx" ON "commitments" USING gin (to_tsvector('english', "title" || ' ' || "description"));