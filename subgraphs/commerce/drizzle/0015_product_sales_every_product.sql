-- Every product has its kept sales row, 0 until it sells, so a search sorted by sales is one walk
-- down `product_sales_units` (units, then id, as the sort says), the unsold included. The rows of
-- the products already there, then a trigger for every product inserted after (a feed import, a
-- partner's create, the seed): the kept-rows upkeep adds to the row it finds.
INSERT INTO `product_sales` (`product_id`, `units`) SELECT `id`, 0 FROM `products` WHERE `id` NOT IN (SELECT `product_id` FROM `product_sales`);
--> statement-breakpoint
CREATE TRIGGER `products_sales_row` AFTER INSERT ON `products` BEGIN
	INSERT OR IGNORE INTO `product_sales` (`product_id`, `units`) VALUES (new.`id`, 0);
END;
