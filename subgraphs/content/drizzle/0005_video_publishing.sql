CREATE TABLE `video_products` (
	`video_id` text NOT NULL,
	`product_id` text NOT NULL,
	`position` integer NOT NULL,
	`tagged_at` integer NOT NULL,
	PRIMARY KEY(`video_id`, `product_id`),
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `video_products_position` ON `video_products` (`video_id`,`position`);