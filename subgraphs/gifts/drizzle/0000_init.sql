CREATE TABLE `gift_offer_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` text NOT NULL,
	`code` text NOT NULL,
	`claimed_at` integer,
	FOREIGN KEY (`offer_id`) REFERENCES `gift_offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gift_offer_codes_code_unique` ON `gift_offer_codes` (`code`);--> statement-breakpoint
CREATE INDEX `gift_offer_codes_offer_claimed` ON `gift_offer_codes` (`offer_id`,`claimed_at`);--> statement-breakpoint
CREATE TABLE `gift_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`retail_value_amount` integer NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`regions` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	CONSTRAINT "gift_offers_retail_value_not_negative" CHECK("gift_offers"."retail_value_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE `live_gift_sends` (
	`id` text PRIMARY KEY NOT NULL,
	`sender_id` text NOT NULL,
	`creator_id` text NOT NULL,
	`live_stream_id` text NOT NULL,
	`gift_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`coins` integer NOT NULL,
	`diamonds` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`gift_id`) REFERENCES `live_gifts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "live_gift_sends_quantity_positive" CHECK("live_gift_sends"."quantity" > 0),
	CONSTRAINT "live_gift_sends_coins_not_negative" CHECK("live_gift_sends"."coins" >= 0),
	CONSTRAINT "live_gift_sends_diamonds_not_negative" CHECK("live_gift_sends"."diamonds" >= 0)
);
--> statement-breakpoint
CREATE INDEX `live_gift_sends_creator` ON `live_gift_sends` (`creator_id`);--> statement-breakpoint
CREATE INDEX `live_gift_sends_stream_sender` ON `live_gift_sends` (`live_stream_id`,`sender_id`);--> statement-breakpoint
CREATE TABLE `live_gifts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`coin_price` integer NOT NULL,
	`image_url` text NOT NULL,
	CONSTRAINT "live_gifts_coin_price_positive" CHECK("live_gifts"."coin_price" > 0)
);
--> statement-breakpoint
CREATE INDEX `live_gifts_price` ON `live_gifts` (`coin_price`,`id`);