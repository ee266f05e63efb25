CREATE TABLE `affiliate_link_sales` (
	`link_id` text PRIMARY KEY NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`earned_amount` integer DEFAULT 0 NOT NULL,
	`pending_amount` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- What each link's orders came to before (kept from here on with every order write).
INSERT INTO `affiliate_link_sales` (`link_id`, `orders`, `earned_amount`, `pending_amount`)
	SELECT o.`affiliate_link_id`, sum(CASE WHEN o.`status` <> 'CANCELLED' THEN 1 ELSE 0 END), sum(CASE WHEN o.`status` = 'FULFILLED' THEN n.`net` ELSE 0 END), sum(CASE WHEN o.`status` = 'PAID' THEN n.`net` ELSE 0 END)
	FROM `orders` o JOIN (SELECT `order_id`, sum(`commission_amount` - `commission_reversed`) AS `net` FROM `order_lines` GROUP BY `order_id`) n ON n.`order_id` = o.`id`
	WHERE o.`affiliate_link_id` IS NOT NULL GROUP BY o.`affiliate_link_id`;
