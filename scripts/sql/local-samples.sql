-- SAMPLE DATA for a local `make run` only (never production): an instructor, two courses and two
-- events, so a newcomer can try the README's course and event curl lines. Idempotent: rows that are
-- already there are left alone. Every product gets its stock through the ledger, like any other.
BEGIN;

INSERT INTO users (id, email, password_hash, first_name, last_name, role)
VALUES ('5a3b1e00-0000-4000-8000-000000000001', 'sample-instructor@orderflow.local', 'sample: cannot sign in',
        'Sample', 'Instructor', 'instructor')
ON CONFLICT (id) DO NOTHING;

INSERT INTO products (id, sku, slug, name, description, category, kind, price_cents, currency, track_inventory) VALUES
    ('5a3b1e00-0000-4000-8000-000000000011', 'SAMPLE-COURSE-BREAD', 'sample-sourdough-bread-course',
     'Sample course: sourdough bread', 'SAMPLE DATA. Six evenings from starter to loaf.', 'cooking', 'course', 12000, 'USD', true),
    ('5a3b1e00-0000-4000-8000-000000000012', 'SAMPLE-COURSE-SQL', 'sample-sql-for-shopkeepers-course',
     'Sample course: SQL for shopkeepers', 'SAMPLE DATA. Self-paced, no seat limit.', 'data', 'course', 4900, 'USD', false),
    ('5a3b1e00-0000-4000-8000-000000000021', 'SAMPLE-EVENT-LAUNCH', 'sample-launch-night-event',
     'Sample event: launch night', 'SAMPLE DATA. 100 seats, 4 per order.', 'events', 'event', 2500, 'USD', true),
    ('5a3b1e00-0000-4000-8000-000000000022', 'SAMPLE-EVENT-WEBINAR', 'sample-inventory-webinar-event',
     'Sample event: inventory webinar', 'SAMPLE DATA. Online, 500 seats.', 'events', 'event', 1000, 'USD', true)
ON CONFLICT (id) DO NOTHING;

WITH seats (product_id, quantity) AS (
    VALUES ('5a3b1e00-0000-4000-8000-000000000011'::uuid, 12),
           ('5a3b1e00-0000-4000-8000-000000000021'::uuid, 100),
           ('5a3b1e00-0000-4000-8000-000000000022'::uuid, 500)),
stocked AS (
    INSERT INTO inventory (product_id, quantity_on_hand)
    SELECT product_id, quantity FROM seats
    ON CONFLICT (product_id) DO NOTHING
    RETURNING product_id, quantity_on_hand)
INSERT INTO inventory_transactions (product_id, type, quantity_change, notes)
SELECT product_id, 'purchase', quantity_on_hand, 'sample data' FROM stocked;

INSERT INTO course_details (product_id, instructor_id, instructor_name, duration_minutes, level, schedule, short_description, published)
VALUES ('5a3b1e00-0000-4000-8000-000000000011', '5a3b1e00-0000-4000-8000-000000000001', 'Sample Instructor', 120, 'beginner',
        '{"timeZone": "Europe/Paris", "weekly": [{"weekday": "TUESDAY", "localTime": "18:30:00"}], "sessions": null}',
        'Sample: bread from scratch in six evenings', true),
       ('5a3b1e00-0000-4000-8000-000000000012', '5a3b1e00-0000-4000-8000-000000000001', 'Sample Instructor', 300, 'intermediate',
        '{"timeZone": "UTC", "weekly": null, "sessions": [{"startsAt": "2027-01-11T17:00:00Z", "endsAt": "2027-01-11T22:00:00Z"}]}',
        'Sample: the queries a shop runs every day', true)
ON CONFLICT (product_id) DO NOTHING;

INSERT INTO event_details (product_id, starts_at, ends_at, time_zone, venue, online_url, seats_per_order)
VALUES ('5a3b1e00-0000-4000-8000-000000000021', now() + interval '30 days', now() + interval '30 days 3 hours',
        'Europe/Paris', 'Sample Hall, Paris', NULL, 4),
       ('5a3b1e00-0000-4000-8000-000000000022', now() + interval '14 days', now() + interval '14 days 1 hour',
        'UTC', NULL, 'https://example.com/sample-webinar', 10)
ON CONFLICT (product_id) DO NOTHING;

COMMIT;
