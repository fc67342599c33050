package io.lyss.query;

/** A report request with a bad parameter; answered as a 400 problem+json naming the parameter. */
public final class InvalidReportRequest extends RuntimeException {

    private final String parameter;

    public InvalidReportRequest(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
