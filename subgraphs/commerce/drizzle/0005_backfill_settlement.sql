-- Orders from before returns and settlement. Orders fulfilled earlier get the return window the
-- default gives (30 days after fulfilment), so their commission turns payable when it would have.
-- A cancelled order's commission was reversed in full, and only buyers could cancel then.
UPDATE `orders` SET `returns_until` = `fulfilled_at` + 2592000000 WHERE `fulfilled_at` IS NOT NULL AND `returns_until` IS NULL;--> statement-breakpoint
UPDATE `orders` SET `cancelled_by` = 'BUYER' WHERE `status` = 'CANCELLED' AND `cancelled_by` IS NULL;--> statement-breakpoint
UPDATE `order_lines` SET `commission_reversed` = `commission_amount` WHERE `order_id` IN (SELECT `id` FROM `orders` WHERE `status` = 'CANCELLED');
