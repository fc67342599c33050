package io.lyss.orchestrator.recording;

import io.lyss.security.access.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * Why a chat call spends tokens. A Lyss service calling its own chat API (the memory projector extracting
 * memories) marks the call {@value #HEADER}: memory and proves it is internal with {@value #TOKEN_HEADER} (the
 * internal token); the spend is then recorded with reason {@code memory} and no conversation turn is recorded,
 * so extraction calls are never mined for memories themselves. Clients cannot relabel their own spend.
 */
@Component
public final class SpendReasons {

    public static final String HEADER = "X-Lyss-Spend-Reason";
    public static final String TOKEN_HEADER = "X-Lyss-Internal-Token";
    /** Names a memory call (e.g. the turn being mined), so a repeated call is recorded, and spends, once. */
    public static final String CALL_HEADER = "X-Lyss-Memory-Call";

    private static final java.util.regex.Pattern CALL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,200}");

    private final byte[] internalToken;

    SpendReasons(SecurityProperties security) {
        String token = security.internalToken();
        this.internalToken = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code memory} for a proven internal memory call, otherwise null (a chat turn). */
    public String of(HttpServletRequest request) {
        String presented = request.getHeader(TOKEN_HEADER);
        if (!"memory".equalsIgnoreCase(request.getHeader(HEADER)) || internalToken == null || presented == null) {
            return null;
        }
        return MessageDigest.isEqual(internalToken, presented.getBytes(StandardCharsets.UTF_8)) ? "memory" : null;
    }

    /**
     * The turn id of a proven memory call that named itself ({@value #CALL_HEADER}), derived from that name so the
     * command side records a repeated call (a turn mined again after a re-delivery) once; null otherwise.
     */
    public String memoryTurnId(HttpServletRequest request) {
        String call = request.getHeader(CALL_HEADER);
        if (of(request) == null || call == null || !CALL_ID.matcher(call).matches()) {
            return null;
        }
        return "mem"
                + java.util
                        .UUID
                        .nameUUIDFromBytes(("memory-call:" + call).getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }
}
