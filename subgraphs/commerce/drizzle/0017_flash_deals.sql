CREATE TABLE `flash_deal_buyers` (
	`deal_id` text NOT NULL,
	`buyer_id` text NOT NULL,
	`units` integer NOT NULL,
	PRIMARY KEY(`deal_id`, `buyer_id`),
	FOREIGN KEY (`deal_id`) REFERENCES `flash_deals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `flash_deals` (
	`id` text PRIMARY KEY NOT NULL,
	`live_stream_id` text NOT NULL,
	`product_id` text NOT NULL,
	`deal_price_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`quantity` integer NOT NULL,
	`units_left` integer NOT NULL,
	`units_returned` integer DEFAULT 0 NOT NULL,
	`per_buyer_limit` integer NOT NULL,
	`status` text NOT NULL,
	`ended_reason` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`due_at` integer,
	`announced_at` integer,
	`announced_units` integer,
	`units_announce_due_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "flash_deals_units" CHECK("flash_deals"."units_left" >= 0 and "flash_deals"."units_left" <= "flash_deals"."quantity")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flash_deals_open_per_product` ON `flash_deals` (`live_stream_id`,`product_id`) WHERE "flash_deals"."status" <> 'ENDED';--> statement-breakpoint
CREATE INDEX `flash_deals_due` ON `flash_deals` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `flash_deals_units_announce_due` ON `flash_deals` (`units_announce_due_at`) WHERE "flash_deals"."units_announce_due_at" is not null;--> statement-breakpoint
CREATE INDEX `flash_deals_product` ON `flash_deals` (`product_id`);