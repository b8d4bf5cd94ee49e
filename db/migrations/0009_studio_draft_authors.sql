ALTER TABLE "studio_documents" ADD COLUMN "draft_authors" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Drafts open at this release: the last writer is the only author known (no earlier writers were recorded).
UPDATE "studio_documents" SET "draft_authors" = ARRAY["draft_updated_by"] WHERE "state" <> 'published' AND "draft_origin" = 'editor' AND "draft_updated_by" IS NOT NULL;
