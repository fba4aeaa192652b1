-- Tasks remember where a plan's clean-up steps begin (failures there do not roll back).

ALTER TABLE tasks ADD COLUMN cleanup_from INTEGER;
