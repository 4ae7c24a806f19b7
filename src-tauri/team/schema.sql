-- A team workspace on PostgreSQL: every change any member's copy made,
-- in the order the server took them. Run by the team's owner; running it
-- again changes nothing.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerly_viewer') THEN
    CREATE ROLE partnerly_viewer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerly_editor') THEN
    CREATE ROLE partnerly_editor NOLOGIN IN ROLE partnerly_viewer;
  END IF;
END
$$;

CREATE TABLE IF NOT EXISTS partnerly_changes (
  -- The server's order; copies pull by it.
  seq bigserial PRIMARY KEY,
  -- The change's own id (copy and its count): a change sent twice is kept once.
  id text NOT NULL UNIQUE,
  stamp text NOT NULL,
  tree text NOT NULL,
  author text NOT NULL,
  body jsonb NOT NULL,
  pushed_by name NOT NULL DEFAULT current_user,
  -- The inserting transaction: a pull stops before rows of one still open,
  -- so a change committed late under a lower seq is never skipped.
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  received_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON partnerly_changes TO partnerly_viewer;
GRANT INSERT ON partnerly_changes TO partnerly_editor;
GRANT USAGE ON SEQUENCE partnerly_changes_seq_seq TO partnerly_editor;

-- The server, not the app, decides who may write: viewers read, editors
-- add changes only under their own name.
ALTER TABLE partnerly_changes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS members_read ON partnerly_changes;
CREATE POLICY members_read ON partnerly_changes FOR SELECT TO partnerly_viewer USING (true);
DROP POLICY IF EXISTS editors_write_as_themselves ON partnerly_changes;
CREATE POLICY editors_write_as_themselves ON partnerly_changes FOR INSERT TO partnerly_editor
  WITH CHECK (pushed_by = current_user);

CREATE OR REPLACE FUNCTION partnerly_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('partnerly_changes', NEW.seq::text);
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS partnerly_changes_notify ON partnerly_changes;
CREATE TRIGGER partnerly_changes_notify AFTER INSERT ON partnerly_changes
  FOR EACH ROW EXECUTE FUNCTION partnerly_changes_notify();
