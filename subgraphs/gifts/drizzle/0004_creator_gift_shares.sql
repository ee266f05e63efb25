CREATE TABLE `creator_gift_shares` (
	`creator_id` text PRIMARY KEY NOT NULL,
	`diamonds` integer NOT NULL,
	`coins` integer NOT NULL,
	`note` text,
	`updated_at` integer NOT NULL,
	CONSTRAINT "creator_gift_shares_fraction" CHECK("creator_gift_shares"."diamonds" > 0 and "creator_gift_shares"."coins" > 0 and "creator_gift_shares"."diamonds" <= "creator_gift_shares"."coins")
);
--> statement-breakpoint
ALTER TABLE `live_gift_sends` ADD `share_diamonds` integer;--> statement-breakpoint
ALTER TABLE `live_gift_sends` ADD `share_coins` integer;