CREATE TABLE `creator_commission_days` (
	`creator_id` text NOT NULL,
	`state` text NOT NULL,
	`day` integer NOT NULL,
	`net` integer DEFAULT 0 NOT NULL,
	`reversed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creator_id`, `state`, `day`)
);
--> statement-breakpoint
CREATE TABLE `creator_commission_locks` (
	`creator_id` text NOT NULL,
	`unlocks_at` integer NOT NULL,
	`day` integer NOT NULL,
	`net` integer DEFAULT 0 NOT NULL,
	`reversed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creator_id`, `unlocks_at`, `day`)
);
--> statement-breakpoint
CREATE TABLE `creator_commission_totals` (
	`creator_id` text NOT NULL,
	`state` text NOT NULL,
	`net` integer DEFAULT 0 NOT NULL,
	`reversed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creator_id`, `state`)
);
--> statement-breakpoint
CREATE TABLE `sales_days` (
	`brand_id` text NOT NULL,
	`currency` text NOT NULL,
	`kind` text NOT NULL,
	`day` integer NOT NULL,
	`key` text NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`units` integer DEFAULT 0 NOT NULL,
	`revenue_amount` integer DEFAULT 0 NOT NULL,
	`refund_amount` integer DEFAULT 0 NOT NULL,
	`commission_amount` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`brand_id`, `currency`, `kind`, `day`, `key`)
);
--> statement-breakpoint
DROP INDEX `catalog_products_position`;--> statement-breakpoint
CREATE INDEX `catalog_products_order` ON `catalog_products` (`catalog_id`,`position`,`product_id`);--> statement-breakpoint
DROP INDEX `catalogs_brand_created`;--> statement-breakpoint
CREATE INDEX `catalogs_brand_created_id` ON `catalogs` (`brand_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `creator_catalogs_position`;--> statement-breakpoint
CREATE INDEX `creator_catalogs_order` ON `creator_catalogs` (`creator_id`,`position`,`catalog_id`);--> statement-breakpoint
DROP INDEX `showcase_items_position`;--> statement-breakpoint
CREATE INDEX `showcase_items_order` ON `showcase_items` (`creator_id`,`position`,`product_id`);--> statement-breakpoint
CREATE INDEX `creator_commissions_brand_updated` ON `creator_commissions` (`brand_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_creator_created` ON `orders` (`creator_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `products_brand_created` ON `products` (`brand_id`,`created_at`,`id`);