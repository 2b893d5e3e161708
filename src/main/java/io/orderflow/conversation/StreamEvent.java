package io.orderflow.conversation;

/** What a room stream sends: an event with its id, or a comment line that keeps an idle connection open. */
record StreamEvent(String name, String id, String data, String comment) {

    static StreamEvent of(RoomEvent event, long id) {
        return new StreamEvent(event.name(), Long.toString(id), event.data(), null);
    }

    static StreamEvent comment(String text) {
        return new StreamEvent(null, null, null, text);
    }

    boolean isComment() {
        return comment != null;
    }
}
