DROP INDEX "commitments_search_idx";--> statement-breakpoint
DROP INDEX "signatory_listings_search_idx";--> statement-breakpoint
CREATE INDEX "commitments_search_idx" ON "commitments" USING gin ("search_document") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "signatory_listings_search_idx" ON "signatory_listings" USING gin ("search_text" gin_trgm_ops) WITH (fastupdate=false);