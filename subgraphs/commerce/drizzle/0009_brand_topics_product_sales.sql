CREATE TABLE `brand_topics` (
	`brand_id` text NOT NULL,
	`topic` text NOT NULL,
	PRIMARY KEY(`topic`, `brand_id`),
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_sales` (
	`product_id` text PRIMARY KEY NOT NULL,
	`units` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `product_sales_units` ON `product_sales` (`units`,`product_id`);