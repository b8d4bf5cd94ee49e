DROP INDEX "commitments_search_idx";--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "search_document" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || description)) STORED;--> statement-breakpoint
CREATE INDEX "commitments_search_idx" ON "commitments" USING gin ("search_document");