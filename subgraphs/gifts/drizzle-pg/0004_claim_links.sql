ALTER TABLE "small_gesture_sends" ALTER COLUMN "code_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "small_gesture_sends" ALTER COLUMN "sender_slot" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "small_gesture_sends" ALTER COLUMN "recipient_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "small_gesture_sends" ADD COLUMN "claim_expires_at" timestamp (3);--> statement-breakpoint
ALTER TABLE "small_gesture_sends" ADD COLUMN "claimed_at" timestamp (3);--> statement-breakpoint
CREATE INDEX "small_gesture_sends_sender" ON "small_gesture_sends" USING btree ("sender_id","created_at","id");--> statement-breakpoint
ALTER TABLE "small_gesture_sends" ADD CONSTRAINT "small_gesture_sends_recipient_or_link" CHECK ("small_gesture_sends"."recipient_id" is not null or "small_gesture_sends"."claim_expires_at" is not null);