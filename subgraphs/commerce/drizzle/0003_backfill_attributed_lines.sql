-- Lines sold before `order_lines.attributed` existed: a line that earned a commission was one its
-- order's attribution covered. A creator's purchase from their own stream earned none, so those
-- lines stay uncounted: the one case the old rows cannot tell.
UPDATE `order_lines` SET `attributed` = 1 WHERE `commission_bps` > 0;
