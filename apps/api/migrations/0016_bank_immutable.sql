-- Points transactions and postings are never updated or deleted: a correction or refund is a new
-- transaction. The funds' trigger function (0007) refuses it for these tables too (SQLSTATE GZ001).
CREATE TRIGGER bank_transactions_immutable BEFORE UPDATE OR DELETE ON "bank_transactions"
  FOR EACH ROW EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER bank_postings_immutable BEFORE UPDATE OR DELETE ON "bank_postings"
  FOR EACH ROW EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER bank_transactions_no_truncate BEFORE TRUNCATE ON "bank_transactions"
  FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER bank_postings_no_truncate BEFORE TRUNCATE ON "bank_postings"
  FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
-- Stock can never go below zero, whatever writes it.
ALTER TABLE "bank_items" ADD CONSTRAINT "bank_items_stock_non_negative" CHECK ("stock" >= 0);
--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_person_non_negative" CHECK ("kind" NOT IN ('person', 'escrow', 'pool') OR "balance" >= 0);
