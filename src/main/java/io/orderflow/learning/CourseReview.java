package io.orderflow.learning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.UUID;

/** A student's review of a course (Hibernate Reactive Panache): one per student, changed in place. */
@Entity
@Table(name = "course_reviews")
class CourseReview extends PanacheEntityBase {

    @Id
    @GeneratedValue
    UUID id;

    @Column(name = "course_id")
    UUID courseId;

    @Column(name = "student_id")
    UUID studentId;

    short rating;

    String comment;

    @Version
    Integer version;

    /** What the audit row records of this review. */
    ReviewRequest asRequest() {
        return new ReviewRequest((int) rating, comment);
    }
}
