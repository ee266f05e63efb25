CREATE TABLE `campaign_members` (
	`campaign_id` text NOT NULL,
	`creator_id` text NOT NULL,
	`status` text NOT NULL,
	`invited` integer NOT NULL,
	`message` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `creator_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_members_creator` ON `campaign_members` (`creator_id`,`status`,`updated_at`,`campaign_id`);--> statement-breakpoint
CREATE INDEX `campaign_members_campaign` ON `campaign_members` (`campaign_id`,`status`,`updated_at`,`creator_id`);--> statement-breakpoint
CREATE TABLE `campaign_products` (
	`campaign_id` text NOT NULL,
	`product_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `product_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_products_position` ON `campaign_products` (`campaign_id`,`position`);--> statement-breakpoint
CREATE INDEX `campaign_products_product` ON `campaign_products` (`product_id`,`campaign_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`name` text NOT NULL,
	`brief` text NOT NULL,
	`commission_bps` integer NOT NULL,
	`fee_amount` integer DEFAULT 0 NOT NULL,
	`currency` text NOT NULL,
	`content_deadline` integer NOT NULL,
	`capacity` integer NOT NULL,
	`accepted_count` integer DEFAULT 0 NOT NULL,
	`min_fulfilment_bps` integer,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "campaigns_within_capacity" CHECK("campaigns"."accepted_count" between 0 and "campaigns"."capacity"),
	CONSTRAINT "campaigns_bps_range" CHECK("campaigns"."commission_bps" between 1 and 10000),
	CONSTRAINT "campaigns_fee_not_negative" CHECK("campaigns"."fee_amount" >= 0)
);
--> statement-breakpoint
CREATE INDEX `campaigns_brand_created` ON `campaigns` (`brand_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_status_created` ON `campaigns` (`status`,`created_at`,`id`);