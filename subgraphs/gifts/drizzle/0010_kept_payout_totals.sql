ALTER TABLE `creator_balances` ADD `in_flight_diamonds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `creator_balances` ADD `in_flight_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `creator_balances` ADD `paid_diamonds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `creator_balances` ADD `paid_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A store made before the totals were kept: sum its payouts once.
UPDATE creator_balances SET in_flight_diamonds = (SELECT coalesce(sum(p.diamonds), 0) FROM gift_payouts p WHERE p.creator_id = creator_balances.creator_id AND p.status = 'REQUESTED'), in_flight_amount = (SELECT coalesce(sum(p.amount), 0) FROM gift_payouts p WHERE p.creator_id = creator_balances.creator_id AND p.status = 'REQUESTED'), paid_diamonds = (SELECT coalesce(sum(p.diamonds), 0) FROM gift_payouts p WHERE p.creator_id = creator_balances.creator_id AND p.status = 'PAID'), paid_amount = (SELECT coalesce(sum(p.amount), 0) FROM gift_payouts p WHERE p.creator_id = creator_balances.creator_id AND p.status = 'PAID');
