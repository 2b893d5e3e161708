-- The waitlist of a full event. A freed seat is offered to the first in line as a reservation that
-- holds it for that customer until the offer expires (docs/architecture.md, "Courses and events"):
-- a reservation now belongs to an order or to a waitlist offer, never both.

CREATE TABLE waitlist_entries (
    id                uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id          uuid         NOT NULL REFERENCES event_details (product_id) ON DELETE RESTRICT,
    customer_id       uuid         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    status            varchar(16)  NOT NULL DEFAULT 'waiting'
                      CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'left')),
    joined_at         timestamptz  NOT NULL DEFAULT now(),
    offered_at        timestamptz,
    offer_expires_at  timestamptz,
    closed_at         timestamptz,
    version           integer      NOT NULL DEFAULT 0,
    CHECK (status <> 'offered' OR (offered_at IS NOT NULL AND offer_expires_at IS NOT NULL)),
    CHECK ((status IN ('accepted', 'expired', 'left')) = (closed_at IS NOT NULL))
);
-- In line once per event at a time; after leaving, an offer expiring or a purchase, one may join again.
CREATE UNIQUE INDEX waitlist_entries_once ON waitlist_entries (event_id, customer_id) WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_entries_line ON waitlist_entries (event_id, joined_at, id) WHERE status = 'waiting';
CREATE INDEX waitlist_entries_offers ON waitlist_entries (offer_expires_at) WHERE status = 'offered';
CREATE INDEX waitlist_entries_customer ON waitlist_entries (customer_id, joined_at DESC, id DESC);

-- A sold reservation whose units went back on hand (a cancellation, a withdrawn line) is marked returned, so
-- the same units can never be returned twice.
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN ('active', 'consumed', 'released', 'returned'));

ALTER TABLE reservations ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE reservations ADD COLUMN waitlist_entry_id uuid REFERENCES waitlist_entries (id) ON DELETE RESTRICT;
ALTER TABLE reservations ADD CONSTRAINT reservations_one_holder CHECK ((order_id IS NULL) <> (waitlist_entry_id IS NULL));
CREATE UNIQUE INDEX reservations_one_per_offer ON reservations (waitlist_entry_id) WHERE waitlist_entry_id IS NOT NULL;

ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_entity_type_check;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_entity_type_check CHECK (entity_type IN
    ('user', 'address', 'payment_method', 'product', 'inventory', 'order', 'payment', 'refund', 'shipment',
     'course', 'event', 'enrolment', 'review', 'waitlist'));

GRANT SELECT, INSERT, UPDATE ON waitlist_entries TO ${app_role};
