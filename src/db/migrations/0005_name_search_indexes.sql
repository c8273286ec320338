-- Find a child by the start of a name: prefix LIKE on the normalised names can use these indexes under any
-- collation (a plain btree index serves LIKE only under the C collation).
CREATE INDEX children_surname_prefix ON children (authority_code, surname_norm text_pattern_ops) WHERE merged_into IS NULL;
CREATE INDEX children_forename_prefix ON children (authority_code, forename_norm text_pattern_ops) WHERE merged_into IS NULL;
