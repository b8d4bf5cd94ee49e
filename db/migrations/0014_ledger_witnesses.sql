CREATE TABLE "ledger_cosignatures" (
	"witness_key" text NOT NULL,
	"size" bigint NOT NULL,
	"signature_line" text NOT NULL,
	"cosigned_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_cosignatures_witness_key_size_pk" PRIMARY KEY("witness_key","size")
);
--> statement-breakpoint
CREATE TABLE "ledger_witness_status" (
	"witness_key" text PRIMARY KEY NOT NULL,
	"known_size" bigint DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ledger_cosignatures_size_idx" ON "ledger_cosignatures" USING btree ("size");