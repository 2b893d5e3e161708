-- Learning: courses and events are products (kind course / event) whose stock is their capacity, so the
-- checkout sells them with the same reservation, idempotency and payment. Their details live here; the
-- enrolment or booking is written in the transaction that confirms the order (docs/architecture.md).

-- Instructors teach courses; they sign in like customers.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'manager', 'employee', 'customer', 'instructor'));

-- A course may have no seat limit: sold without counting stock, like digital goods.
ALTER TABLE products DROP CONSTRAINT products_untracked_only_digital;
ALTER TABLE products ADD CONSTRAINT products_untracked_only_digital CHECK (track_inventory OR kind IN ('digital', 'course'));

-- Audit rows of the new aggregates. On the partitioned parent, so every partition, present and future, checks it.
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_entity_type_check;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_entity_type_check CHECK (entity_type IN
    ('user', 'address', 'payment_method', 'product', 'inventory', 'order', 'payment', 'refund', 'shipment',
     'course', 'event', 'enrolment', 'review'));

CREATE TABLE course_details (
    product_id        uuid          PRIMARY KEY REFERENCES products (id) ON DELETE RESTRICT,
    instructor_id     uuid          NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    -- Copied from the instructor's account when the details are saved, so listings need no join.
    instructor_name   varchar(200)  NOT NULL,
    duration_minutes  integer       NOT NULL CHECK (duration_minutes > 0),
    level             varchar(16)   NOT NULL CHECK (level IN ('beginner', 'intermediate', 'advanced')),
    -- {"timeZone": "Europe/Paris", "weekly": [{"weekday": "MONDAY", "localTime": "18:30"}], "sessions": [...]}
    schedule          jsonb         NOT NULL,
    short_description varchar(500),
    video_url         varchar(2048),
    published         boolean       NOT NULL DEFAULT false,
    -- Kept by the statements that change enrolments and reviews, never by an edit of the details.
    rating            numeric(3, 2) NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    rating_count      integer       NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    enrolled_count    integer       NOT NULL DEFAULT 0 CHECK (enrolled_count >= 0),
    version           integer       NOT NULL DEFAULT 0,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    updated_at        timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX course_details_instructor ON course_details (instructor_id);
CREATE INDEX course_details_published ON course_details (level) WHERE published;
CREATE TRIGGER course_details_updated_at BEFORE UPDATE ON course_details FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE event_details (
    product_id         uuid         PRIMARY KEY REFERENCES products (id) ON DELETE RESTRICT,
    starts_at          timestamptz  NOT NULL,
    ends_at            timestamptz  NOT NULL,
    time_zone          varchar(64)  NOT NULL,
    venue              varchar(300),
    online_url         varchar(2048),
    -- Seats are sold until then; null: until the start.
    booking_closes_at  timestamptz,
    status             varchar(16)  NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled', 'completed')),
    seats_per_order    integer      NOT NULL DEFAULT 10 CHECK (seats_per_order BETWEEN 1 AND 100),
    version            integer      NOT NULL DEFAULT 0,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (booking_closes_at IS NULL OR booking_closes_at <= starts_at),
    CHECK (venue IS NOT NULL OR online_url IS NOT NULL)
);
CREATE INDEX event_details_upcoming ON event_details (starts_at, product_id) WHERE status = 'scheduled';
CREATE TRIGGER event_details_updated_at BEFORE UPDATE ON event_details FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE enrolments (
    id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id     uuid         NOT NULL REFERENCES course_details (product_id) ON DELETE RESTRICT,
    student_id    uuid         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    order_id      uuid         NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    status        varchar(16)  NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'completed', 'cancelled')),
    enrolled_at   timestamptz  NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    cancelled_at  timestamptz,
    CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
-- A student holds a course once; a cancelled enrolment leaves room to buy it again.
CREATE UNIQUE INDEX enrolments_one_per_student ON enrolments (course_id, student_id) WHERE status <> 'cancelled';
CREATE INDEX enrolments_student ON enrolments (student_id, enrolled_at DESC, id DESC);
CREATE INDEX enrolments_order ON enrolments (order_id);

CREATE TABLE event_bookings (
    id             uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id       uuid         NOT NULL REFERENCES event_details (product_id) ON DELETE RESTRICT,
    order_id       uuid         NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    order_item_id  uuid         NOT NULL CONSTRAINT event_bookings_order_item_key UNIQUE REFERENCES order_items (id) ON DELETE RESTRICT,
    seats          integer      NOT NULL CHECK (seats > 0),
    status         varchar(16)  NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
    booked_at      timestamptz  NOT NULL DEFAULT now(),
    cancelled_at   timestamptz,
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE INDEX event_bookings_event ON event_bookings (event_id, status);
CREATE INDEX event_bookings_order ON event_bookings (order_id);

-- One review per student and course, changed in place. The course's rating and rating_count are recomputed from
-- these rows in the review's transaction, after locking the course row, so concurrent reviews keep them exact.
CREATE TABLE course_reviews (
    id          uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id   uuid          NOT NULL REFERENCES course_details (product_id) ON DELETE RESTRICT,
    student_id  uuid          NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    rating      smallint      NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment     varchar(4000),
    version     integer       NOT NULL DEFAULT 0,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT course_reviews_one_per_student UNIQUE (course_id, student_id)
);
CREATE INDEX course_reviews_latest ON course_reviews (course_id, created_at DESC, id DESC);
CREATE TRIGGER course_reviews_updated_at BEFORE UPDATE ON course_reviews FOR EACH ROW EXECUTE FUNCTION set_updated_at();

GRANT SELECT, INSERT, UPDATE ON course_details, event_details, enrolments, event_bookings, course_reviews TO ${app_role};
