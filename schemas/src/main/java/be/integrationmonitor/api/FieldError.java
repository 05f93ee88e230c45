package be.integrationmonitor.api;

/** What is wrong with one field or parameter. Messages never repeat the submitted value. */
public record FieldError(String field, String message) {
}
