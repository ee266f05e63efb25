-- Full-text search over products (title, description, brand name) and brands (name, description):
-- FTS5 tables kept in step with their rows by triggers, so every write (a partner's edit, a feed
-- import, a brand's rename) updates the index in its own transaction. An FTS5 row is found by
-- rowid; `*_search_rows` give each product and brand a rowid of their own, as a text-keyed table's
-- rowid may change on VACUUM. Not in tables.ts: drizzle-kit knows no virtual tables.
CREATE TABLE `product_search_rows` (
	`doc` integer PRIMARY KEY,
	`product_id` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `product_search` USING fts5(title, description, brand_name, tokenize = 'porter unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `product_search_rows` (`product_id`) SELECT `id` FROM `products`;
--> statement-breakpoint
INSERT INTO `product_search` (rowid, title, description, brand_name)
	SELECT r.`doc`, p.`title`, p.`description`, b.`name` FROM `product_search_rows` r JOIN `products` p ON p.`id` = r.`product_id` JOIN `brands` b ON b.`id` = p.`brand_id`;
--> statement-breakpoint
CREATE TRIGGER `products_search_insert` AFTER INSERT ON `products` BEGIN
	INSERT INTO `product_search_rows` (`product_id`) VALUES (new.`id`);
	INSERT INTO `product_search` (rowid, title, description, brand_name)
		VALUES ((SELECT `doc` FROM `product_search_rows` WHERE `product_id` = new.`id`), new.`title`, new.`description`, (SELECT `name` FROM `brands` WHERE `id` = new.`brand_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `products_search_update` AFTER UPDATE OF `title`, `description`, `brand_id` ON `products` BEGIN
	UPDATE `product_search` SET title = new.`title`, description = new.`description`, brand_name = (SELECT `name` FROM `brands` WHERE `id` = new.`brand_id`)
		WHERE rowid = (SELECT `doc` FROM `product_search_rows` WHERE `product_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `products_search_delete` AFTER DELETE ON `products` BEGIN
	DELETE FROM `product_search` WHERE rowid = (SELECT `doc` FROM `product_search_rows` WHERE `product_id` = old.`id`);
	DELETE FROM `product_search_rows` WHERE `product_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `brands_search_rename` AFTER UPDATE OF `name` ON `brands` BEGIN
	UPDATE `product_search` SET brand_name = new.`name`
		WHERE rowid IN (SELECT r.`doc` FROM `products` p JOIN `product_search_rows` r ON r.`product_id` = p.`id` WHERE p.`brand_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TABLE `brand_search_rows` (
	`doc` integer PRIMARY KEY,
	`brand_id` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `brand_search` USING fts5(name, description, tokenize = 'porter unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `brand_search_rows` (`brand_id`) SELECT `id` FROM `brands`;
--> statement-breakpoint
INSERT INTO `brand_search` (rowid, name, description) SELECT r.`doc`, b.`name`, b.`description` FROM `brand_search_rows` r JOIN `brands` b ON b.`id` = r.`brand_id`;
--> statement-breakpoint
CREATE TRIGGER `brands_search_insert` AFTER INSERT ON `brands` BEGIN
	INSERT INTO `brand_search_rows` (`brand_id`) VALUES (new.`id`);
	INSERT INTO `brand_search` (rowid, name, description) VALUES ((SELECT `doc` FROM `brand_search_rows` WHERE `brand_id` = new.`id`), new.`name`, new.`description`);
END;
--> statement-breakpoint
CREATE TRIGGER `brands_search_update` AFTER UPDATE OF `name`, `description` ON `brands` BEGIN
	UPDATE `brand_search` SET name = new.`name`, description = new.`description` WHERE rowid = (SELECT `doc` FROM `brand_search_rows` WHERE `brand_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `brands_search_delete` AFTER DELETE ON `brands` BEGIN
	DELETE FROM `brand_search` WHERE rowid = (SELECT `doc` FROM `brand_search_rows` WHERE `brand_id` = old.`id`);
	DELETE FROM `brand_search_rows` WHERE `brand_id` = old.`id`;
END;
--> statement-breakpoint
-- What each product has sold so far (kept from here on by every order write).
INSERT INTO `product_sales` (`product_id`, `units`)
	SELECT l.`product_id`, sum(l.`quantity` - l.`refunded_quantity`) FROM `order_lines` l JOIN `orders` o ON o.`id` = l.`order_id`
	WHERE o.`status` <> 'CANCELLED' GROUP BY l.`product_id` HAVING sum(l.`quantity` - l.`refunded_quantity`) <> 0;
