DROP INDEX `coin_purchases_user`;--> statement-breakpoint
CREATE INDEX `coin_purchases_user` ON `coin_purchases` (`user_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `live_gift_sends_creator`;--> statement-breakpoint
CREATE INDEX `live_gift_sends_sender` ON `live_gift_sends` (`sender_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `live_gift_sends_creator` ON `live_gift_sends` (`creator_id`,`created_at`,`id`);