CREATE TABLE "fund_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_budget_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"budget_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"label" text NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_budgets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"resolution_ref" text,
	"resolution_text" text,
	"approved_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_dividend_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_label" text NOT NULL,
	"area_centi_m2" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"rate_fen_per_m2" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_expenses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"amount" bigint NOT NULL,
	"category" text NOT NULL,
	"project" text NOT NULL,
	"payee" text NOT NULL,
	"reason" text NOT NULL,
	"attachment_ids" uuid[] NOT NULL,
	"budget_line_id" uuid,
	"state" text NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_by_name" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"transaction_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_month_totals" (
	"fund_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"debit" bigint NOT NULL,
	"credit" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"asker_name" text NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"year" integer,
	"bank_balance" bigint DEFAULT 0 NOT NULL,
	"posting_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"memo" text NOT NULL,
	"project" text,
	"counterparty" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"receipt_no" text,
	"occurred_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"reverses_id" uuid,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"approved_by" uuid,
	"approved_by_name" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_turnover_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"operator" text NOT NULL,
	"month" date NOT NULL,
	"turnover" bigint NOT NULL,
	"levy" bigint NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fund_accounts" ADD CONSTRAINT "fund_accounts_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_attachments" ADD CONSTRAINT "fund_attachments_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_budget_lines" ADD CONSTRAINT "fund_budget_lines_budget_id_fund_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."fund_budgets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_budget_lines" ADD CONSTRAINT "fund_budget_lines_account_id_fund_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."fund_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_budgets" ADD CONSTRAINT "fund_budgets_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_dividend_lines" ADD CONSTRAINT "fund_dividend_lines_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD CONSTRAINT "fund_expenses_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_questions" ADD CONSTRAINT "fund_questions_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_account_id_fund_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."fund_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_turnover_reports" ADD CONSTRAINT "fund_turnover_reports_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fund_accounts_name_uq" ON "fund_accounts" USING btree ("fund_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_budgets_year_uq" ON "fund_budgets" USING btree ("fund_id","year");--> statement-breakpoint
CREATE INDEX "fund_dividend_lines_tx_idx" ON "fund_dividend_lines" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "fund_expenses_fund_idx" ON "fund_expenses" USING btree ("fund_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_month_totals_pk" ON "fund_month_totals" USING btree ("fund_id","account_id","month");--> statement-breakpoint
CREATE INDEX "fund_questions_tx_idx" ON "fund_questions" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funds_code_uq" ON "funds" USING btree ("code");--> statement-breakpoint
CREATE INDEX "funds_region_path_idx" ON "funds" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "ledger_tx_fund_idx" ON "ledger_transactions" USING btree ("fund_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_tx_reverses_uq" ON "ledger_transactions" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_tx_receipt_uq" ON "ledger_transactions" USING btree ("receipt_no");--> statement-breakpoint
CREATE INDEX "postings_tx_idx" ON "postings" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_turnover_uq" ON "fund_turnover_reports" USING btree ("fund_id","operator","month");