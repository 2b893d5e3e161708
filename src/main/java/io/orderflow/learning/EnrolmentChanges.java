package io.orderflow.learning;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.List;
import java.util.UUID;

/**
 * What a module above learning keeps in step with enrolments (conversation: the members of course rooms), called in
 * the transaction that enrols or cancels, so both commit or roll back together. Learning owns the interface; the
 * higher module implements it.
 */
public interface EnrolmentChanges {

    /** The student was enrolled in these courses. */
    Uni<Void> enrolled(SqlClient tx, UUID studentId, List<UUID> courseIds);

    /** The student's enrolments in these courses were cancelled. */
    Uni<Void> cancelled(SqlClient tx, UUID studentId, List<UUID> courseIds);
}
