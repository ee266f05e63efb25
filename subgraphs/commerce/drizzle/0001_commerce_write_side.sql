CREATE TABLE `affiliate_clicks` (
	`link_id` text NOT NULL,
	`user_id` text NOT NULL,
	`clicked_at` integer NOT NULL,
	PRIMARY KEY(`link_id`, `user_id`),
	FOREIGN KEY (`link_id`) REFERENCES `affiliate_links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `affiliate_links` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`creator_id` text NOT NULL,
	`product_id` text NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `affiliate_links_code_unique` ON `affiliate_links` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `affiliate_links_creator_product` ON `affiliate_links` (`creator_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `affiliate_links_creator_created` ON `affiliate_links` (`creator_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `creator_commissions` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`creator_id` text NOT NULL,
	`product_id` text,
	`commission_bps` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "creator_commissions_bps_range" CHECK("creator_commissions"."commission_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `creator_commissions_product_deal` ON `creator_commissions` (`creator_id`,`brand_id`,`product_id`) WHERE "creator_commissions"."product_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `creator_commissions_brand_deal` ON `creator_commissions` (`creator_id`,`brand_id`) WHERE "creator_commissions"."product_id" is null;--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`operation` text NOT NULL,
	`request_hash` text NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`order_id` text NOT NULL,
	`position` integer NOT NULL,
	`product_id` text NOT NULL,
	`title` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_amount` integer NOT NULL,
	`total_amount` integer NOT NULL,
	`commission_bps` integer NOT NULL,
	`commission_amount` integer NOT NULL,
	PRIMARY KEY(`order_id`, `position`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_lines_quantity_positive" CHECK("order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_total" CHECK("order_lines"."total_amount" = "order_lines"."unit_price_amount" * "order_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`buyer_id` text NOT NULL,
	`brand_id` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`total_amount` integer NOT NULL,
	`commission_amount` integer NOT NULL,
	`creator_id` text,
	`affiliate_link_id` text,
	`live_stream_id` text,
	`created_at` integer NOT NULL,
	`fulfilled_at` integer,
	`cancelled_at` integer,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`affiliate_link_id`) REFERENCES `affiliate_links`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "orders_total_not_negative" CHECK("orders"."total_amount" >= 0),
	CONSTRAINT "orders_commission_range" CHECK("orders"."commission_amount" between 0 and "orders"."total_amount"),
	CONSTRAINT "orders_one_attribution" CHECK("orders"."affiliate_link_id" is null or "orders"."live_stream_id" is null)
);
--> statement-breakpoint
CREATE INDEX `orders_buyer_created` ON `orders` (`buyer_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_brand_created` ON `orders` (`brand_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_creator_status` ON `orders` (`creator_id`,`status`);--> statement-breakpoint
CREATE INDEX `orders_link_status` ON `orders` (`affiliate_link_id`,`status`);