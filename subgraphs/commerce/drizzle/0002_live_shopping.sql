CREATE TABLE `live_event_topics` (
	`topic` text PRIMARY KEY NOT NULL,
	`last_seq` integer NOT NULL,
	`pruned_through` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `live_events` (
	`topic` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`topic`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `live_events_created` ON `live_events` (`created_at`);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `attributed` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `orders_live_stream_status` ON `orders` (`live_stream_id`,`status`);