package io.lyss.orchestrator.chat;

/** How one call to one channel ended, as the retry and fallback decisions need it. */
sealed interface AttemptResult {

    /** The channel answered, completely or until the client left or the answer broke off. */
    record Answered(UpstreamOutcome outcome) implements AttemptResult {}

    /**
     * The channel failed before anything reached the client.
     *
     * @param status the upstream's HTTP status; 0 for a timeout or a connection failure
     * @param reason a short description for the log, never a provider's message
     */
    record Failed(int status, String reason) implements AttemptResult {}

    /** The upstream refused the request itself (a 4xx about its content): another channel would refuse it too. */
    record Refused(int status, String type, String code, String param, String message) implements AttemptResult {}
}
