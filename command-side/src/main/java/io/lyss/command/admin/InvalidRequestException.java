package io.lyss.command.admin;

/** A request field has a value the admin API cannot accept. */
class InvalidRequestException extends RuntimeException {

    private final String field;

    InvalidRequestException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
