package io.lyss.command.budget;

import io.lyss.command.budget.api.BudgetExhaustedException;
import io.lyss.command.ratelimit.api.RateLimitExhaustedException;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Errors of the budget and rate-limit APIs as problem+json; refusals of quota are 429. */
@RestControllerAdvice(basePackages = {"io.lyss.command.budget", "io.lyss.command.ratelimit"})
class QuotaErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaErrors.class);

    @ExceptionHandler(BudgetExhaustedException.class)
    ProblemDetail budgetExhausted(BudgetExhaustedException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "Budget exhausted", e.getMessage());
    }

    @ExceptionHandler(RateLimitExhaustedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExhaustedException e) {
        long retryAfter = 60 - (System.currentTimeMillis() / 1000) % 60;
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(retryAfter))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Rate limit reached", e.getMessage()));
    }

    @ExceptionHandler(NotFoundInWorkspaceException.class)
    ProblemDetail notFound(NotFoundInWorkspaceException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail refused(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("Quota request failed", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The request could not be completed; see the server log.");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
