package io.orderflow.learning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event's details, edited as a whole by staff (Hibernate Reactive Panache). Its seats are the product's stock. */
@Entity
@Table(name = "event_details")
class EventDetails extends PanacheEntityBase {

    @Id
    @Column(name = "product_id")
    UUID productId;

    @Column(name = "starts_at")
    OffsetDateTime startsAt;

    @Column(name = "ends_at")
    OffsetDateTime endsAt;

    @Column(name = "time_zone")
    String timeZone;

    String venue;

    @Column(name = "online_url")
    String onlineUrl;

    @Column(name = "booking_closes_at")
    OffsetDateTime bookingClosesAt;

    String status;

    @Column(name = "seats_per_order")
    int seatsPerOrder;

    @Version
    Integer version;

    /** What the audit row records of these details. */
    EventDetailsRequest asRequest() {
        return new EventDetailsRequest(startsAt, endsAt, timeZone, venue, onlineUrl, bookingClosesAt, seatsPerOrder);
    }
}
