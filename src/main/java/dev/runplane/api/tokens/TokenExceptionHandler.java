package dev.runplane.api.tokens;

import dev.runplane.base.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Problem details for the token endpoints until the API-wide {@code ApiExceptionHandler} exists; then this class
 * should be deleted. Messages come from our own exceptions, written for people; parser messages are not echoed.
 */
@RestControllerAdvice(assignableTypes = TokenController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TokenExceptionHandler {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "request body must be JSON like {\"name\": \"laptop\", \"expiresAt\": \"2027-01-01T00:00:00Z\"}");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badPathValue(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' must be a number");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
