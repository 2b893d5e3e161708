-- Conversations: a room for each course's students and instructor, a support thread on each order, and
-- the messages in them (docs/architecture.md, "Conversations"). Live delivery, presence and typing go
-- through Redis; only rooms, members and messages are kept here.

CREATE TABLE rooms (
    id                uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    type              varchar(16)   NOT NULL CHECK (type IN ('course', 'order-support', 'direct')),
    course_id         uuid          REFERENCES course_details (product_id) ON DELETE RESTRICT,
    order_id          uuid          REFERENCES orders (id) ON DELETE RESTRICT,
    name              varchar(255)  NOT NULL,
    created_by        uuid          REFERENCES users (id) ON DELETE RESTRICT,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    archived_at       timestamptz,
    -- Counters taken under the room's row lock by every write, so a room's messages are numbered 1, 2, 3...
    -- in commit order (last_seq) and every change of a message gets the next event id (last_event_id): the
    -- ids a stream sends, and what Last-Event-ID replays from.
    last_seq          bigint        NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    last_event_id     bigint        NOT NULL DEFAULT 0 CHECK (last_event_id >= last_seq),
    last_activity_at  timestamptz   NOT NULL DEFAULT now(),
    CHECK ((type = 'course') = (course_id IS NOT NULL)),
    CHECK ((type = 'order-support') = (order_id IS NOT NULL))
);
CREATE UNIQUE INDEX rooms_one_per_course ON rooms (course_id) WHERE course_id IS NOT NULL;
CREATE UNIQUE INDEX rooms_one_per_order ON rooms (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE room_members (
    room_id               uuid         NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id               uuid         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    role                  varchar(16)  NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
    joined_at             timestamptz  NOT NULL DEFAULT now(),
    muted                 boolean      NOT NULL DEFAULT false,
    last_read_message_id  uuid,
    -- The seq of that message: unread = rooms.last_seq - last_read_seq, no count over the room.
    last_read_seq         bigint       NOT NULL DEFAULT 0 CHECK (last_read_seq >= 0),
    PRIMARY KEY (room_id, user_id)
);
-- "My rooms": the member rows of one user, joined to their rooms and sorted by the rooms' last activity.
CREATE INDEX room_members_user ON room_members (user_id, room_id);

CREATE TABLE messages (
    id               uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    room_id          uuid          NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq              bigint        NOT NULL CHECK (seq > 0),
    event_id         bigint        NOT NULL CHECK (event_id >= seq),
    author_id        uuid          NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    -- Soft delete: the text goes, the row (and its place in the thread) stays.
    body             varchar(4000) CHECK (body IS NULL OR char_length(body) BETWEEN 1 AND 4000),
    reply_to         uuid,
    idempotency_key  varchar(255),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    edited_at        timestamptz,
    deleted_at       timestamptz,
    CHECK ((deleted_at IS NULL) = (body IS NOT NULL)),
    UNIQUE (room_id, seq),
    UNIQUE (room_id, id),
    -- A reply quotes a message of the same room.
    CONSTRAINT messages_reply_in_room FOREIGN KEY (room_id, reply_to) REFERENCES messages (room_id, id) ON DELETE RESTRICT
);
-- Replay after Last-Event-ID: what changed in a room since an event id. Its latest messages use (room_id, seq).
CREATE UNIQUE INDEX messages_room_events ON messages (room_id, event_id);
-- A mobile retry with the same Idempotency-Key posts once.
CREATE UNIQUE INDEX messages_once_per_key ON messages (room_id, author_id, idempotency_key) WHERE idempotency_key IS NOT NULL;


-- Courses that already have students get their room now, with their instructor as owner and students as members
-- (from here on the enrolling and cancelling transactions keep it in step).
INSERT INTO rooms (type, course_id, name, created_by)
SELECT 'course', c.product_id, p.name, c.instructor_id
FROM course_details c JOIN products p ON p.id = c.product_id
WHERE EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.product_id AND e.status <> 'cancelled');
INSERT INTO room_members (room_id, user_id, role)
SELECT id, created_by, 'owner' FROM rooms WHERE type = 'course';
INSERT INTO room_members (room_id, user_id, role)
SELECT r.id, e.student_id, 'member'
FROM rooms r JOIN enrolments e ON e.course_id = r.course_id AND e.status <> 'cancelled'
ON CONFLICT (room_id, user_id) DO NOTHING;

GRANT SELECT, INSERT, UPDATE ON rooms, messages TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON room_members TO ${app_role};
