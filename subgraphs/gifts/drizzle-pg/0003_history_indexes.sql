DROP INDEX "coin_purchases_user";--> statement-breakpoint
DROP INDEX "live_gift_sends_creator";--> statement-breakpoint
CREATE INDEX "live_gift_sends_sender" ON "live_gift_sends" USING btree ("sender_id","created_at","id");--> statement-breakpoint
CREATE INDEX "coin_purchases_user" ON "coin_purchases" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "live_gift_sends_creator" ON "live_gift_sends" USING btree ("creator_id","created_at","id");