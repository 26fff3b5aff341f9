-- Posted ledger entries are never updated or deleted: a correction is a new reversing transaction.
-- The application never tries; this trigger makes sure nothing else does either (SQLSTATE GZ001).
CREATE OR REPLACE FUNCTION gongzhi_ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are immutable: % on % refused; post a reversal instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'GZ001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON "ledger_transactions"
  FOR EACH ROW EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER postings_immutable BEFORE UPDATE OR DELETE ON "postings"
  FOR EACH ROW EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON "ledger_transactions"
  FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON "postings"
  FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_ledger_immutable();
--> statement-breakpoint
-- Donation receipt numbers: one series for the platform, never reused (a reversed receipt stays void).
CREATE SEQUENCE IF NOT EXISTS fund_receipt_seq START WITH 1;
