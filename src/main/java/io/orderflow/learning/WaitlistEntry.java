package io.orderflow.learning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.UUID;

/**
 * A customer in line for a full event (Hibernate Reactive Panache for joining). Offers, which hold a seat in the
 * event's stock, are made, expired and accepted on the SQL-client path with the stock ({@link WaitlistOffers}).
 */
@Entity
@Table(name = "waitlist_entries")
class WaitlistEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue
    UUID id;

    @Column(name = "event_id")
    UUID eventId;

    @Column(name = "customer_id")
    UUID customerId;

    String status;

    @Version
    Integer version;
}
