-- One copy of the built-in programme per organisation, even when two facilitators open the
-- programmes page for the first time at the same moment.
CREATE UNIQUE INDEX programme_templates_one_builtin ON programme_templates(org_id) WHERE builtin = 1;
