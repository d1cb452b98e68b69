package io.vigil.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link InvalidVigilPropertyException} as the property, its problem and the fix. */
class InvalidVigilPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidVigilPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidVigilPropertyException cause) {
    String description = "The Vigil Redis client could not be configured: property '" + cause.getProperty() + "'"
        + (cause.getValue() == null ? " is not set" : " has the value '" + cause.getValue() + "'") + ", but "
        + cause.getReason() + ".";
    return new FailureAnalysis(description, cause.getAction(), cause);
  }
}
