package dev.runplane.api;

import dev.runplane.base.NotFoundException;
import dev.runplane.runs.RunAlreadyExistsException;
import dev.runplane.runs.RunStateConflictException;
import dev.runplane.runs.TooManyRequestsException;
import dev.runplane.runs.spec.RunSpecException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The API's one translation of exceptions into RFC 9457 problem details with a message a person understands.
 * Unexpected errors are logged with their stack trace and answered without internals.
 */
@RestControllerAdvice(basePackages = "dev.runplane.api")
@org.springframework.core.annotation.Order(0)
class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "no such API path");
    }

    @ExceptionHandler(RunSpecException.class)
    ResponseEntity<ProblemDetail> invalidSpec(RunSpecException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Invalid run spec", e.getMessage());
        // line and column (1-based) say where the field is written; both are left out when the text lacks it
        List<Map<String, Object>> errors = e.errors().stream().map(error -> {
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("field", error.field());
            if (error.line() != null) {
                entry.put("line", error.line());
                entry.put("column", error.column());
            }
            entry.put("message", error.message());
            return entry;
        }).toList();
        response.getBody().setProperty("errors", errors);
        return response;
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    ResponseEntity<ProblemDetail> badRequest(Exception e) {
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "parameter '" + mismatch.getName() + "' has an invalid value"
                : e.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "Bad request", message);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        // a chunked body cut off by BodyLimitFilter reaches us wrapped by the JSON reader
        PayloadTooLargeException tooLarge = causeOfType(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        return problem(HttpStatus.BAD_REQUEST, "Bad request", "the request body is not valid JSON of the expected "
                + "shape");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return methodNotAllowed(e);
    }

    static ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ProblemDetail body = problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                e.getMethod() + " is not supported on this path").getBody();
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** The database is away: a temporary condition the client should retry, never a 500 (or a login page). */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.dao.TransientDataAccessException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("API request failed: the database is unavailable ({})", e.toString());
        return serviceUnavailable();
    }

    static ResponseEntity<ProblemDetail> serviceUnavailable() {
        ProblemDetail body = problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                dev.runplane.api.security.DatabaseUnavailable.DETAIL).getBody();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(dev.runplane.api.security.DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", e.getMessage());
    }

    @ExceptionHandler({RunAlreadyExistsException.class, RunStateConflictException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> versionConflict(OptimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, "Changed by someone else", e.getMessage());
    }

    @ExceptionHandler(dev.runplane.base.InsufficientStorageException.class)
    ResponseEntity<ProblemDetail> insufficientStorage(RuntimeException e) {
        return problem(HttpStatus.INSUFFICIENT_STORAGE, "Insufficient storage", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(response.getBody());
    }

    /** The client went away mid-response (a closed log stream, a cancelled download): nothing to answer. */
    @ExceptionHandler({org.springframework.web.context.request.async.AsyncRequestNotUsableException.class,
            java.io.IOException.class})
    void clientGone(Exception e) {
        log.debug("Client disconnected: {}", e.toString());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error in the API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "something went wrong on the server; the error was logged");
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
