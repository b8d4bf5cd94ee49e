CREATE TABLE "ledger_identity" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"origin" text NOT NULL,
	"verifier_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_identity_one_row" CHECK ("ledger_identity"."id" = 1)
);
--> statement-breakpoint
-- Written once, with the log (or adopted from an older log's latest checkpoint at its first start):
-- changing it would let a start sign as another origin or key under the same checkpoints.
CREATE TRIGGER ledger_identity_fixed BEFORE UPDATE ON ledger_identity FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
