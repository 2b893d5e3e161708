-- Shared plumbing every later migration relies on.

-- The application role may read and write rows; it never owns or creates objects.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- One trigger function keeps every updated_at column honest.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
