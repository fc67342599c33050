package io.lyss.query;

import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Report API errors as problem+json; bad parameters are 400s, an unreachable store a 503, never a stack trace. */
@RestControllerAdvice(basePackageClasses = QueryErrors.class)
class QueryErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryErrors.class);

    @ExceptionHandler(InvalidReportRequest.class)
    ProblemDetail invalid(InvalidReportRequest e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid parameter");
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    @ExceptionHandler(io.lyss.query.projection.BoundedReplay.IncompleteLogException.class)
    ProblemDetail incompleteLog(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("The event log is incomplete");
        return problem;
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail unavailable(UncheckedIOException e) {
        LOG.warn("A read model store is unreachable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The report store is unreachable; try again shortly.");
        problem.setTitle("Service unavailable");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("Report request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be completed; see the server log.");
        problem.setTitle("Internal error");
        return problem;
    }
}
