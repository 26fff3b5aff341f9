CREATE TABLE "fund_month_closes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"month" date NOT NULL,
	"state" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fund_attachments" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD COLUMN "kind" text DEFAULT 'expense' NOT NULL;--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD COLUMN "reverses_id" uuid;--> statement-breakpoint
ALTER TABLE "fund_questions" ADD COLUMN "asker_named" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "funds" ADD COLUMN "closed_through" date;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD COLUMN "original_on" date;--> statement-breakpoint
ALTER TABLE "fund_month_closes" ADD CONSTRAINT "fund_month_closes_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_month_closes_fund_idx" ON "fund_month_closes" USING btree ("fund_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_month_closes_pending_uq" ON "fund_month_closes" USING btree ("fund_id") WHERE state = 'proposed';--> statement-breakpoint
CREATE INDEX "fund_attachments_sha256_idx" ON "fund_attachments" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_budgets_matter_uq" ON "fund_budgets" USING btree ("assembly_matter_id");