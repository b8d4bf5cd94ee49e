CREATE TABLE "studio_documents" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"published_source" text,
	"published_revision" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"removed_at" timestamp with time zone,
	"state" text DEFAULT 'published' NOT NULL,
	"draft_source" text,
	"draft_removal" boolean DEFAULT false NOT NULL,
	"draft_revision" integer DEFAULT 0 NOT NULL,
	"draft_origin" text,
	"draft_updated_at" timestamp with time zone,
	"draft_updated_by" text,
	"review_requested_by" text,
	"review_requested_at" timestamp with time zone,
	"review_changelog" text,
	"return_comment" text,
	"returned_by" text,
	"returned_at" timestamp with time zone,
	"shipped_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_documents_draft_state" CHECK (("studio_documents"."state" = 'published') = ("studio_documents"."draft_source" is null and not "studio_documents"."draft_removal"))
);
--> statement-breakpoint
CREATE TABLE "studio_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_key" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text,
	"comment" text DEFAULT '' NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_revisions" (
	"document_key" text NOT NULL,
	"revision" integer NOT NULL,
	"source" text,
	"changelog" text NOT NULL,
	"origin" text NOT NULL,
	"requested_by" text,
	"published_by" text,
	"accord_version" integer,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_revisions_document_key_revision_pk" PRIMARY KEY("document_key","revision")
);
--> statement-breakpoint
ALTER TABLE "studio_documents" ADD CONSTRAINT "studio_documents_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_documents" ADD CONSTRAINT "studio_documents_draft_updated_by_users_id_fk" FOREIGN KEY ("draft_updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_documents" ADD CONSTRAINT "studio_documents_review_requested_by_users_id_fk" FOREIGN KEY ("review_requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_documents" ADD CONSTRAINT "studio_documents_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_events" ADD CONSTRAINT "studio_events_document_key_studio_documents_key_fk" FOREIGN KEY ("document_key") REFERENCES "public"."studio_documents"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_events" ADD CONSTRAINT "studio_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_revisions" ADD CONSTRAINT "studio_revisions_document_key_studio_documents_key_fk" FOREIGN KEY ("document_key") REFERENCES "public"."studio_documents"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_revisions" ADD CONSTRAINT "studio_revisions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_revisions" ADD CONSTRAINT "studio_revisions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_revisions" ADD CONSTRAINT "studio_revisions_accord_version_accord_versions_number_fk" FOREIGN KEY ("accord_version") REFERENCES "public"."accord_versions"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_documents_kind_idx" ON "studio_documents" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "studio_events_document_idx" ON "studio_events" USING btree ("document_key","created_at");--> statement-breakpoint
CREATE INDEX "studio_revisions_version_idx" ON "studio_revisions" USING btree ("accord_version");