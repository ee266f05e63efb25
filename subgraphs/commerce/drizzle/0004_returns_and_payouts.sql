CREATE TABLE `commission_payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`status` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`payout_method` text,
	`provider_transfer_id` text,
	`failure_reason` text,
	`requested_at` integer NOT NULL,
	`settled_at` integer,
	CONSTRAINT "commission_payouts_amount_positive" CHECK("commission_payouts"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `commission_payouts_creator_requested` ON `commission_payouts` (`creator_id`,`requested_at`,`id`);--> statement-breakpoint
CREATE TABLE `order_return_lines` (
	`return_id` text NOT NULL,
	`order_id` text NOT NULL,
	`position` integer NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`return_id`, `position`),
	FOREIGN KEY (`return_id`) REFERENCES `order_returns`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_return_lines_quantity_positive" CHECK("order_return_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX `order_return_lines_line` ON `order_return_lines` (`order_id`,`position`);--> statement-breakpoint
CREATE TABLE `order_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_at` integer,
	`restocked` integer,
	`refund_amount` integer DEFAULT 0 NOT NULL,
	`commission_reversed` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_returns_order` ON `order_returns` (`order_id`,`requested_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `order_returns_one_open` ON `order_returns` (`order_id`) WHERE "order_returns"."status" = 'REQUESTED';--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_order_lines` (
	`order_id` text NOT NULL,
	`position` integer NOT NULL,
	`product_id` text NOT NULL,
	`title` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_amount` integer NOT NULL,
	`total_amount` integer NOT NULL,
	`commission_bps` integer NOT NULL,
	`commission_amount` integer NOT NULL,
	`attributed` integer DEFAULT false NOT NULL,
	`refunded_quantity` integer DEFAULT 0 NOT NULL,
	`commission_reversed` integer DEFAULT 0 NOT NULL,
	`payout_id` text,
	PRIMARY KEY(`order_id`, `position`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payout_id`) REFERENCES `commission_payouts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_lines_quantity_positive" CHECK("__new_order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_total" CHECK("__new_order_lines"."total_amount" = "__new_order_lines"."unit_price_amount" * "__new_order_lines"."quantity"),
	CONSTRAINT "order_lines_refunded_range" CHECK("__new_order_lines"."refunded_quantity" between 0 and "__new_order_lines"."quantity"),
	CONSTRAINT "order_lines_reversed_range" CHECK("__new_order_lines"."commission_reversed" between 0 and "__new_order_lines"."commission_amount")
);
--> statement-breakpoint
-- drizzle-kit copied the new columns from the old table too; they take their defaults instead.
INSERT INTO `__new_order_lines`("order_id", "position", "product_id", "title", "quantity", "unit_price_amount", "total_amount", "commission_bps", "commission_amount", "attributed") SELECT "order_id", "position", "product_id", "title", "quantity", "unit_price_amount", "total_amount", "commission_bps", "commission_amount", "attributed" FROM `order_lines`;--> statement-breakpoint
DROP TABLE `order_lines`;--> statement-breakpoint
ALTER TABLE `__new_order_lines` RENAME TO `order_lines`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `order_lines_payout` ON `order_lines` (`payout_id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `carrier` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `tracking_number` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `returns_until` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancelled_by` text;