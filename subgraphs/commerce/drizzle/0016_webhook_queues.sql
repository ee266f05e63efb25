CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`seq` integer NOT NULL,
	`event_id` text NOT NULL,
	`topic` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_endpoint_seq` ON `webhook_deliveries` (`endpoint_id`,`seq`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`url` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_secret_until` integer,
	`enabled` integer NOT NULL,
	`disabled_reason` text,
	`disabled_at` integer,
	`failing_since` integer,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`delivered_through` integer DEFAULT 0 NOT NULL,
	`head_due_at` integer,
	`leased_until` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_owner` ON `webhook_endpoints` (`owner_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_endpoints_head_due` ON `webhook_endpoints` (`head_due_at`);--> statement-breakpoint
CREATE TABLE `webhook_subscriptions` (
	`owner_id` text NOT NULL,
	`topic` text NOT NULL,
	`endpoint_id` text NOT NULL,
	PRIMARY KEY(`owner_id`, `topic`, `endpoint_id`)
);
--> statement-breakpoint
CREATE INDEX `webhook_subscriptions_endpoint` ON `webhook_subscriptions` (`endpoint_id`,`topic`);