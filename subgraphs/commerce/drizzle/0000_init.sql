CREATE TABLE `brands` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`description` text NOT NULL,
	`platform` text NOT NULL,
	`logo_url` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `brands_slug_unique` ON `brands` (`slug`);--> statement-breakpoint
CREATE INDEX `brands_name` ON `brands` (`name`,`id`);--> statement-breakpoint
CREATE TABLE `catalog_products` (
	`catalog_id` text NOT NULL,
	`product_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`catalog_id`, `product_id`),
	FOREIGN KEY (`catalog_id`) REFERENCES `catalogs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `catalog_products_position` ON `catalog_products` (`catalog_id`,`position`);--> statement-breakpoint
CREATE TABLE `catalogs` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `catalogs_brand_created` ON `catalogs` (`brand_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `creator_catalogs` (
	`creator_id` text NOT NULL,
	`catalog_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`creator_id`, `catalog_id`),
	FOREIGN KEY (`catalog_id`) REFERENCES `catalogs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `creator_catalogs_position` ON `creator_catalogs` (`creator_id`,`position`);--> statement-breakpoint
CREATE TABLE `live_stream_pins` (
	`live_stream_id` text NOT NULL,
	`product_id` text NOT NULL,
	`position` integer NOT NULL,
	`pinned_at` integer NOT NULL,
	PRIMARY KEY(`live_stream_id`, `product_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `live_stream_pins_position` ON `live_stream_pins` (`live_stream_id`,`position`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`price_amount` integer NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`inventory` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'ACTIVE' NOT NULL,
	`commission_bps` integer NOT NULL,
	`image_url` text NOT NULL,
	`external_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "products_inventory_not_negative" CHECK("products"."inventory" >= 0),
	CONSTRAINT "products_price_not_negative" CHECK("products"."price_amount" >= 0),
	CONSTRAINT "products_commission_bps_range" CHECK("products"."commission_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_brand_external` ON `products` (`brand_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `products_status_created` ON `products` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `products_brand_status_created` ON `products` (`brand_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `showcase_items` (
	`creator_id` text NOT NULL,
	`product_id` text NOT NULL,
	`position` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`creator_id`, `product_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `showcase_items_position` ON `showcase_items` (`creator_id`,`position`);--> statement-breakpoint
CREATE TABLE `video_products` (
	`video_id` text NOT NULL,
	`product_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`video_id`, `product_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `video_products_position` ON `video_products` (`video_id`,`position`);