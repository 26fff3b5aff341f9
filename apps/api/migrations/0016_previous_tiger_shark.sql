ALTER TABLE "outbox" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outbox_inbox_resident_idx" ON "outbox" USING btree ("recipient_resident_id","created_at") WHERE template NOT LIKE 'auth.%';--> statement-breakpoint
CREATE INDEX "outbox_unread_user_idx" ON "outbox" USING btree ("recipient_user_id") WHERE read_at IS NULL AND template NOT LIKE 'auth.%';--> statement-breakpoint
CREATE INDEX "outbox_unread_resident_idx" ON "outbox" USING btree ("recipient_resident_id") WHERE read_at IS NULL AND template NOT LIKE 'auth.%';