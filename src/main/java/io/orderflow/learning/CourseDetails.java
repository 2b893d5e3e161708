package io.orderflow.learning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/**
 * A course's details, edited as a whole by staff (Hibernate Reactive Panache). The counters (rating, enrolled) are
 * not mapped: the statements that change enrolments and reviews keep them, so an edit never writes a stale count.
 */
@Entity
@Table(name = "course_details")
class CourseDetails extends PanacheEntityBase {

    @Id
    @Column(name = "product_id")
    UUID productId;

    @Column(name = "instructor_id")
    UUID instructorId;

    @Column(name = "instructor_name")
    String instructorName;

    @Column(name = "duration_minutes")
    int durationMinutes;

    String level;

    @JdbcTypeCode(SqlTypes.JSON)
    CourseSchedule schedule;

    @Column(name = "short_description")
    String shortDescription;

    @Column(name = "video_url")
    String videoUrl;

    boolean published;

    @Version
    Integer version;

    /** What the audit row records of these details. */
    CourseDetailsRequest asRequest() {
        return new CourseDetailsRequest(instructorId, durationMinutes, level, schedule, shortDescription, videoUrl, published);
    }
}
