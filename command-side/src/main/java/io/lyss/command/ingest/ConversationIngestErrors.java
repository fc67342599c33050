package io.lyss.command.ingest;

import io.lyss.command.scope.NotFoundInWorkspaceException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Conversation changes on a conversation or message that does not exist, or not in the caller's workspace, are
 * 404s (one tenant cannot tell another's conversations from missing ones); bad bodies are 400s.
 */
@RestControllerAdvice(assignableTypes = ConversationIngestController.class)
class ConversationIngestErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler({NotFoundInWorkspaceException.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such conversation or message.");
        problem.setTitle("Not found");
        return problem;
    }
}
